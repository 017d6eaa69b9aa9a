import type { ReplyOption } from '../domain/reply.ts';
import { REQUEST_TYPES } from '../domain/case-draft.ts';

/**
 * Everything the intake says, in one place, so the wording can be reviewed by people who answer
 * the hotline. Short, warm, plain: the way a good 12345 operator talks.
 */
export const intakeCopy = {
  opening: '好的，我来帮您登记。',
  askType: '请问这件事属于哪一类？',
  askDescription: '请简单说说发生了什么，比如是什么问题、持续多久了。',
  askDescriptionAgain: '能再具体说说吗？比如是什么问题、在哪儿、持续多久了。',
  askCategory: '为了转给对口的部门，请选一个最接近的类别：',
  askPlace: '事情发生在哪里？请告诉我区、街道（乡镇）和具体位置，比如“朝阳区望京街道花家地北里3号楼”。',
  askStreetIn: (district: string) => `在${district}的哪个街道或乡镇？不清楚的话，回复“不清楚”就行。`,
  /** The citizen said they do not know the street (and no district is known yet either). */
  askDistrict: '大概在哪个区？比如“海淀区”。',
  streetUnknownOk: '好的，街道不清楚也没关系。',
  /** After the place in the read-back, when the case goes by district because the street is not known. */
  streetUnknownNote: (toDistrict: boolean) => (toDistrict ? '（街道未确定，先派到区里，由区里转给所在街道）' : '（街道未确定）'),
  askStreetFor: (address: string) => `“${address}”属于哪个区、哪个街道（乡镇）？`,
  askDetailIn: (place: string) => `具体在${place}的哪个小区、哪条路或哪栋楼？`,
  askStreetChoice: (name: string) => `“${name}”在几个区都有，是哪一个？`,
  /** The place said fits several streets with different names (天通苑: 北 and 南; 亦庄: the township and the zone). */
  askWhichStreet: '您说的地方分属几个街道（乡镇），是哪一个？',
  placeNotFound: '抱歉，我没找到这个地方。',
  phoneNeeded: '登记工单需要一个联系电话：承办单位办理和事后回访都靠它，号码只用于这件事，也可以为您保密。',
  askPhone: '请留一个联系电话，方便承办单位联系您。号码只用于办理这件事。',
  invalidPhone: '这个号码好像不太对：手机号是11位，座机请带区号（比如010-68881234）。',
  askName: '怎么称呼您？比如“王先生”。不方便的话回复“跳过”。',
  askConfidential: '需要为您的身份保密吗？保密后，承办单位看不到您的姓名和完整电话。',
  notUnderstood: '抱歉，我没太明白。',
  /** Asked why the bot asks (为啥要我电话, 这有啥区别, 你问这么多干嘛): the reason for the question being asked. */
  whyAsked: {
    type: '类型决定怎么办：投诉是自己遇到的问题要解决，求助是需要帮一把，举报是发现违法违规请有关部门查处，建议是对公共事务的想法，表扬是夸夸办得好的人。选不准也没关系，选最接近的就行。',
    description: '说清是什么事，承办单位才知道去处理什么。',
    category: '类别决定派给哪个部门。选最接近的就行，选不准也没关系，热线还会核对。',
    address: '知道具体位置，承办单位才能找到地方去处理。',
    phone: '留电话是为了承办单位办理时能联系到您，办完了也要回访您满不满意。号码只用于这件事，也可以为您保密，保密后承办单位看不到您的完整号码。',
    name: '只是为了联系时好称呼您，不想说可以回复“跳过”。',
    confidential: '保密后，承办单位看不到您的姓名和完整电话；不保密，他们联系您更方便。',
    street_choice: '您说的地方挨着几个街道（乡镇），选对了能直接派给管这一片的；不清楚就回复“不清楚”，先派到区里。',
  },
  confidentialNoted: '好的，会为您保密，承办单位看不到您的姓名和完整电话。',
  supplemented: '好的，补充的情况记下了。',
  /** In the read-back, for a case that goes to a city body wherever it happened (a taxi). */
  placeNotNeeded: '未说明（不影响办理）',
  /** Asked how long it will take, while filing: the deadline of the response level. */
  howLong: (within: string) => `按规定，这类问题承办单位一般${within}内会联系您，具体办完的时间看现场情况。我们先把登记做完：`,
  updated: (what: string) => `好的，${what}已更新。`,
  noted: (what: string) => `好的，${what}记下了。`,
  handledBy: (unit: string, within: string) => `${unit}${within ? `，一般${within}内联系您` : ''}`,
  dispatchedByHotline: '由12345热线派给承办单位',
  readBackIntro: '请核对一下：',
  readBackOutro: '没问题请回复“确认”提交；需要修改，直接告诉我改成什么，或回复“修改”。',
  confirmOrChange: '请回复“确认”提交，或者告诉我哪里需要修改。',
  whichToChange: '请问哪一项需要修改？',
  filed: (ticketNo: string, unit?: string) =>
    `已为您登记，工单号：${ticketNo}。${unit ? `将由${unit}负责办理，` : ''}承办单位会按时限联系您。请记好工单号，查询进度时会用到。`,
  filingFailed: '抱歉，提交时系统出了点问题，您填的内容都还在。请稍后回复“确认”再试一次。',
  cancelled: '好的，这次登记已取消，填的内容不会提交。有需要随时找我。',
  restarted: '好的，我们重新开始。',
  escalate: '看来我没能理解清楚，这就为您转人工客服，请稍候。您填过的内容会一并转给客服。',
} as const;

export const typeOptions: ReplyOption[] = REQUEST_TYPES.map((t) => ({ label: t, value: t }));
export const confidentialOptions: ReplyOption[] = [
  { label: '需要保密', value: '需要保密' },
  { label: '不需要', value: '不需要保密' },
];
/** Offered after the street candidates when they lie in one district: the case then goes by the district. */
export const STREET_UNKNOWN: ReplyOption = { label: '不清楚', value: '不清楚' };
/** Offered after the category candidates: none fits. */
export const OTHER_CATEGORY: ReplyOption = { label: '都不是', value: 'other' };

export const RESPONSE_TIME: Record<string, string> = { '2h': '2小时', '24h': '24小时', '7d': '7天', '15d': '15天' };

export const confirmOptions: ReplyOption[] = [
  { label: '确认提交', value: '确认' },
  { label: '修改', value: '修改' },
];
export const changeOptions: ReplyOption[] = [
  { label: '类型', value: 'type' },
  { label: '问题描述', value: 'description' },
  { label: '类别', value: 'category' },
  { label: '地点', value: 'address' },
  { label: '电话', value: 'phone' },
  { label: '称呼', value: 'name' },
  { label: '是否保密', value: 'confidential' },
];
