/**
 * Short control messages (取消, 转人工, 是的…) and requests the bot must refuse.
 *
 * A command is recognised only when it is the whole message, give or take punctuation, emoji and polite
 * particles: 取消了的航班怎么退票 mentions 取消 but is a question about flights.
 */
import { normaliseForMatching } from './fold.ts';

export type Command = 'cancel' | 'restart' | 'handoff' | 'help' | 'greeting' | 'skip' | 'yes' | 'no';

const PHRASES: Record<Command, string[]> = {
  cancel: ['取消', '不办', '算', '撤销', '撤回', '退出', '结束', '不投诉', '不弄', '不反映', '不举报', '取消投诉', '不用办', '别办'],
  restart: ['重新开始', '重来', '从头开始', '重新来', '重新填', '重新填写', '再来一次', '从头再来', 'restart'],
  handoff: ['转人工', '人工客服', '找人工', '真人', '人工', '转接人工', '人工服务', '找客服', '客服', '接线员', '找真人', '真人客服', '人工坐席', '转人工客服', '有没有人工', '有人工吗', '人工在吗', 'human', 'agent'],
  help: ['帮助', '菜单', '你能做什么', '你会什么', '你能干什么', '怎么用', '使用说明', '功能', '能做什么', 'help', 'menu'],
  greeting: ['你好', '您好', '在吗', '在不在', '有人吗', '有人在吗', 'hi', 'hello', '哈喽', '嗨', '早上好', '上午好', '中午好', '下午好', '晚上好', '喂', '你好你好', '大家好', 'hey'],
  skip: ['跳过', '不想说', '不方便', '不留', '不方便说', '不想留', '不愿意说', '不告诉你', '略过', '不方便留', '不想告诉你', '不说', '不讲', '不想讲', '不愿说', 'skip'],
  yes: ['是', '是的', '对', '对的', '没错', '确认', '好的', '好', '可以', '提交', '嗯', '嗯嗯', 'ok', 'okay', '1', '行', '确定', '没问题', '正确', '对头', 'yes', 'y', '好滴', '确认提交', '确认无误', '无误', '同意', '中', '中中', '得嘞', '妥了'],
  no: ['不是', '不是的', '不对', '不', '否', '有误', '要改', '不确认', '错了', '不正确', '不行', 'no', 'n', '不同意', '需要修改', '修改'],
};

// 我不想投诉了 / 我不要反映了 / 那算了 不登记了: giving up, said in words.
const GIVING_UP = /^(?:那|那就)?我?(?:不想|不要|不打算|不需要|不用|不|别)(?:再)?(?:投诉|反映|举报|办|弄|继续|提交|咨询|登记|记录|记)$|^(?:那|那就)算$/;
const POLITE_HEAD = /^(?:请|麻烦|我要|我想|我需要|帮我|给我)+/;
const POLITE_TAIL = /(?:吧|了|呢|啊|呀|哈|嘛|哦|喔|啦|哇|咯|噢|谢谢|谢了|thanks|thx)+$/;
// WeChat sends its stickers as bracketed names: [微笑], [抱拳], [OK].
const WECHAT_STICKER = /\[[^[\]]{1,6}\]/g;
// Zero-width joiners and variation selectors glue emoji together; inside a class they would glue to
// their neighbours (no-misleading-character-class), so they are alternatives of their own.
const CLAUSE_BREAK = /(?:[\s\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0f)+/u;

let phraseIndex: Map<string, Command> | undefined;

function commandOfPhrase(phrase: string): Command | undefined {
  if (!phraseIndex) {
    phraseIndex = new Map();
    for (const [command, phrases] of Object.entries(PHRASES) as Array<[Command, string[]]>) {
      for (const p of phrases) phraseIndex.set(p, command);
    }
  }
  return phraseIndex.get(phrase);
}

function clauseCommand(clause: string): Command | undefined {
  const exact = commandOfPhrase(clause);
  if (exact) return exact;
  const core = clause.replace(POLITE_HEAD, '').replace(POLITE_TAIL, '');
  if (core === '') return /谢谢|谢了|thanks|thx/.test(clause) ? undefined : commandOfPhrase(clause);
  return commandOfPhrase(core) ?? (GIVING_UP.test(core) ? 'cancel' : undefined);
}

/** The control command a short message stands for, or undefined for anything else. */
// The router's guards ask about the same message several times in one step: remember the last answer.
let lastText: string | undefined;
let lastCommand: Command | undefined;

export function detectCommand(text: string): Command | undefined {
  if (text === lastText) return lastCommand;
  lastCommand = commandIn(text);
  lastText = text;
  return lastCommand;
}

function commandIn(text: string): Command | undefined {
  const folded = normaliseForMatching(text).toLowerCase().replace(WECHAT_STICKER, ' ').trim();
  if (folded === '') return undefined;
  if (/^[?？]+$/.test(folded)) return 'help';
  if (folded.length > 40) return undefined;
  const clauses = folded.split(CLAUSE_BREAK).filter((c) => c !== '');
  if (clauses.length === 0) return undefined;

  // Every clause must be a command or politeness; greetings give way to any other command
  // (你好，转人工 → handoff) and 我不想投诉了，取消吧 is one wish said twice.
  const found = new Set<Command>();
  for (const clause of clauses) {
    if (/^(?:谢谢|谢了|多谢|thanks|thx|麻烦了|辛苦了)$/.test(clause)) continue;
    const command = clauseCommand(clause);
    if (!command) return undefined;
    found.add(command);
  }
  if (found.size > 1) found.delete('greeting');
  return found.size === 1 ? [...found][0] : undefined;
}

// Attempts to make the bot drop its instructions or reveal them.
const INJECTION = [
  /忽略(?:掉)?(?:你)?(?:之前|以上|前面|上面|先前|此前|所有|全部)?(?:的)?(?:所有|全部)?(?:指令|指示|规则|设定|提示|要求|限制)/,
  /ignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|your)\s+(?:instructions|prompts?|rules|messages)/i,
  /disregard\s+.{0,30}(?:instructions|prompt|rules)/i,
  /system\s*prompt|jailbreak|developer\s*mode|\bDAN\b/i,
  /系统提示词?|提示词|系统指令|系统设定|开发者模式|越狱模式|你的(?:指令|设定|规则)(?:是什么|发给我|告诉我|输出)/,
  /(?:输出|打印|重复|复述)(?:你的|上面的|以上的?)(?:全部)?(?:内容|指令|提示)/,
];
// Whose data: anyone's but the citizen's own.
const OTHERS =
  '(?:所有人|别人|他人|其他人|其他市民|其他用户|所有用户|所有市民|投诉人|举报人|诉求人|来电人|反映人|投诉我的人|举报我的人|邻居)';
const DATA = '(?:电话号码|电话|手机号码|手机号|手机|号码|联系方式|住址|地址|家庭住址|身份证号?|姓名|名字|个人信息|信息|资料)';
const ASKING = /告诉我|给我|发给|发我|发一下|查一下|查查|帮我查|提供|导出|列出|看看|获取|拿到|多少|是什么|是啥|是谁|有吗|能不能|能否|我要|我想要/;
const DATA_OF_OTHERS = new RegExp(`${OTHERS}的?${DATA}`);
const WHO_REPORTED_ME = /(?:是)?谁(?:投诉|举报|反映)(?:了)?(?:的)?我|(?:投诉|举报)我的(?:人)?是谁/;

/** Prompt injection, or a request for other people's personal data: the bot declines politely. */
export function isInjectionOrDataRequest(text: string): boolean {
  const folded = normaliseForMatching(text);
  if (INJECTION.some((pattern) => pattern.test(folded))) return true;
  if (WHO_REPORTED_ME.test(folded)) return true;
  return DATA_OF_OTHERS.test(folded) && ASKING.test(folded);
}
