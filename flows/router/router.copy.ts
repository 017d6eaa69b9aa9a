import type { ReplyOption } from '../domain/reply.ts';

export const menuOptions: ReplyOption[] = [
  { label: '投诉', value: '投诉' },
  { label: '求助', value: '求助' },
  { label: '举报', value: '举报' },
  { label: '建议', value: '建议' },
  { label: '表扬', value: '表扬' },
  { label: '转人工', value: '转人工' },
];

export const routerCopy = {
  greeting: '您好，这里是12345市民服务热线。遇到什么问题，直接告诉我就行，比如“小区门口路灯坏了一周了”。也可以选择：',
  help: '我可以帮您登记投诉、求助、举报、建议和表扬，并给您工单号。遇到着火、燃气泄漏、有人受伤等紧急情况，请直接拨打119、96777、120或110。直接说说发生了什么就行，也可以选择：',
  notUnderstood: '抱歉，我没太明白。您可以直接说说遇到了什么问题，或者选择：',
  nothingToCancel: '好的。现在没有正在办理的事项，有需要随时告诉我。',
  handoff: '好的，正在为您转接人工客服，请稍候，客服接入后会在这里回复您。想回到自助服务，请回复“返回”。',
  emergencyCall: (numbers: string) => `情况紧急，请马上拨打${numbers}！`,
  /** Asked what to do while waiting for help (打了120了 现在咋办): the advice again, and when to call again. */
  whileWaiting: (numbers: string) => `等待的时候请保持电话畅通，有人能到路口接一下最好；情况变严重了，就再打${numbers}。`,
  offerToRecord: '等您安全了，需要我把这件事登记下来，转给相关部门跟进吗？',
  staySafe: '好的，请一定注意安全。有需要随时找我。',
  callFirst: '好，先打电话要紧，注意安全。处理完了要是需要登记，直接跟我说就行。',
  gladSafe: '太好了，人没事就好。',
  resumeIntake: '好的，已回到自助服务，我们接着刚才的登记。',
  backFromHandoff: '好的，已回到自助服务。请问有什么可以帮您？',
  refuseDataRequest: '抱歉，我只能帮您办理12345的事项，不能提供任何人的个人信息，也不会执行这类指令。请问有什么问题需要反映吗？',
  tooLong: (max: number) => `您发的内容有点长，请精简到${max}字以内再发一次，重点说清楚什么事、在哪儿。`,
  restartedAfterUpgrade: '系统刚刚升级了，之前没说完的内容需要麻烦您重新说一下。',
  textOnly: '图片和文件我这里暂时看不了，请用文字说说您的情况。如果是给已有工单补充照片，请先发“查进度”，再选“补充材料”。',
  systemError: '抱歉，系统刚才开了小差，这条消息没处理成功，麻烦您稍后再发一次。',
} as const;
