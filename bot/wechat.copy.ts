import { routerCopy } from '../flows/router/router.copy.ts';

/** What the WeChat channel itself says; everything else comes from the flows. */
export const wechatCopy = {
  /** What a photo stands for in the conversation log and the flow. */
  imagePlaceholder: '[图片]',
  textOnly: '目前只能处理文字消息，请用文字描述您的问题。',
  /** Same words as the runner's failed turn: the citizen should simply send the message again. */
  systemError: routerCopy.systemError,
} as const;
