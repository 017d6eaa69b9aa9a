import type { ReplyOption } from '../domain/reply.ts';

/** "11月24日 18:00" in Beijing time, whatever the server's zone. */
export function beijingTime(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const followCopy = {
  // Pushes, one per step a citizen cares about.
  dispatched: (ticketNo: string, unit: string, due: string) => `您的工单${ticketNo}已派给${unit}办理，办理时限到${due}。有进展我会第一时间告诉您。`,
  contacted: (ticketNo: string, unit: string) => `${unit}已就工单${ticketNo}和您联系，正在办理中。`,
  resolved: (ticketNo: string, unit: string, result: string) => `您的工单${ticketNo}，${unit}已办结。办理结果：${result}`,
  extended: (ticketNo: string, due: string, reason: string) => `工单${ticketNo}的办理时限延长到${due}，原因：${reason}。我们会继续跟进。`,
  reopened: (ticketNo: string, unit: string) => `收到。工单${ticketNo}已重新交给${unit}办理，他们会再联系您，办好后我再来回访。`,
  escalated: '这个问题已经是第二次没解决了，我已转给值班人员重点督办，会有专人跟您联系。',
  returnedToDispatch: (ticketNo: string) => `工单${ticketNo}正在重新派给更合适的单位，派出后告诉您。`,

  // Following a case in chat.
  noCases: '没有查到您在这里反映过的工单。如果是电话反映的，请把工单号发给我，或者直接说说遇到的问题。',
  notYours: (ticketNo: string) => `没有查到工单${ticketNo}，或者它不是用这个账号反映的。为保护个人信息，只能查询本人反映的工单。`,
  pickCase: '您有几件工单，想看哪一件？',
  due: (due: string) => `办理时限：${due}`,
  overdue: '已超过办理时限，我们正在督办。',
  whatNext: '还需要做什么吗？',
  urged: (unit: string) => `已帮您催办，${unit}会收到提醒。`,
  urgedToday: '今天已经催办过了，承办单位已收到提醒，明天还没进展可以再催。',
  askSupplement: '请发送要补充的情况或照片（照片支持JPG、PNG，10MB以内）。',
  supplemented: (count: number) => `补充的内容已经加到工单里了${count > 1 ? `（共${count}项）` : ''}，承办单位能看到。`,
  supplementTooLarge: '这个文件太大或格式不支持，请发10MB以内的照片（JPG、PNG等），或者用文字描述。',
  confirmWithdraw: (ticketNo: string) => `确定要撤销工单${ticketNo}吗？撤销后承办单位将不再处理。`,
  withdrawn: (ticketNo: string) => `工单${ticketNo}已撤销。以后有需要随时找我。`,
  keptOpen: '好的，工单继续办理。',
  cannotAct: (status: string) => `这件工单目前${status}，不能再做这个操作了。`,
  backToMenu: '好的。还有别的事可以直接告诉我。',

  // Notifications.
  notificationsOff: '好的，之后不再给您推送办理进度了。办结后的回访还会问您一次，想恢复通知时回复“恢复通知”。',
  notificationsOn: '好的，已恢复办理进度通知。',

  // The callback (回访).
  noted: '好的，记下了。',
  callbackIntro: '想占用您半分钟做个回访，您的评价会直接计入承办单位的考核。',
  callbackQuestions: {
    contacted: '办理过程中，承办单位联系过您吗？',
    resolved: '您反映的问题解决了吗？',
    satisfaction: '您对这次办理满意吗？',
  },
  callbackReminder: (ticketNo: string) => `打扰一下，工单${ticketNo}的回访还差一点，方便时回复一下：`,
  callbackThanks: '感谢您的评价！工单已结案。以后有问题随时找我。',
  callbackNotSolvedThanks: '感谢您的反馈，问题没解决我们不会结案。',
} as const;

export const followOptions = {
  caseActions: [
    { label: '催办', value: 'urge' },
    { label: '补充材料', value: 'supplement' },
    { label: '撤销工单', value: 'withdraw' },
    { label: '返回', value: 'back' },
  ] satisfies ReplyOption[],
  confirmWithdraw: [
    { label: '确认撤销', value: 'yes' },
    { label: '不撤销', value: 'no' },
  ] satisfies ReplyOption[],
} as const;
