import type { ReplyOption } from '../domain/reply.ts';

/** What the consultation flow says. Short and honest: a cited answer, or "I don't know" with a way on. */
export const consultCopy = {
  helped: '这解决您的问题了吗？',
  gladToHelp: '不客气，能帮上忙就好。还有其他问题随时找我。',
  nextBest: '那再看看这条是不是您要找的：',
  unanswered: '这个问题我这里还没有准确的答案，不想给您说错。您可以：',
  fileIt: '好的，我把您的问题登记成咨询工单，由相关部门答复您。',
  declined: '好的。有其他问题随时找我。',
  outOfScope: '这个我帮不上忙。12345可以帮您咨询政策，也可以登记投诉、求助、举报、建议和表扬。',
  backToIntake: '好的，那我们接着刚才的登记。',
  ruleDate: (date: string) => `（依据发布日期：${date}）`,
} as const;

export const helpedOptions: ReplyOption[] = [
  { label: '解决了', value: 'yes' },
  { label: '没解决', value: 'no' },
];

export const unansweredOptions: ReplyOption[] = [
  { label: '登记成工单', value: 'file' },
  { label: '转人工', value: '转人工' },
  { label: '不用了', value: 'done' },
];
