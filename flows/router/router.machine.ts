import { and, assign, emit, enqueueActions, fromPromise, raise, setup } from 'xstate';
import type { CaseDraft } from '../domain/case-draft.ts';
import type { Reply, ReplyOption } from '../domain/reply.ts';
import type { TextHints, TextHintValues } from '../domain/hints.ts';
import { detectCommand, isInjectionOrDataRequest } from '../domain/understand/commands.ts';
import {
  absorb,
  askWhichToChange,
  confirmAnswer,
  emptyIntake,
  forgetSlot,
  howLongAnswer,
  MAX_FAILURES,
  missingSlot,
  nextQuestion,
  readBack,
  resolveOption,
  type IntakeState,
  type Question,
} from '../intake/intake.logic.ts';
import { intakeCopy } from '../intake/intake.copy.ts';
import { menuOptions, routerCopy } from './router.copy.ts';
import { answerReplies, followUpQuestion, isOutOfScope, type Consultation, type ConsultInput, type KnowledgeHit } from '../consult/consult.logic.ts';
import { consultCopy, helpedOptions, unansweredOptions } from '../consult/consult.copy.ts';
import { detectEmergency as detectEmergencyIn, type Emergency } from '../domain/emergency/emergency.ts';
import { classifyRequestKind, classifyRequestKindByRules, cjkLength } from '../domain/understand/request-type.ts';
import { readCallbackAnswer, type CallbackAnswers, type CallbackSlot } from '../callback/read-answer.ts';
import { callbackQuestion } from '../followup/callback-replies.ts';
import { followCopy, followOptions } from '../followup/followup.copy.ts';
import {
  asksProgress,
  caseActionReply,
  caseListReply,
  caseStatusReply,
  notificationCommand,
  ticketNoIn,
  type CaseActionName,
  type CaseActionResult,
  type CaseSummary,
} from '../followup/followup.logic.ts';

/**
 * The citizen's conversation: a top-level router (greeting, help, cancel, start over, person)
 * around the complaint intake. Pure: effects are actors the server provides, replies leave as
 * emitted `reply` events, time arrives on events. Bump FLOW_VERSION whenever a persisted snapshot
 * of the previous version could no longer be restored safely.
 */
export const FLOW_VERSION = 1;

export interface FiledCase {
  ticketNo: string;
  unit?: { code: string; name: string; kind: string } | null;
}

export interface FileCaseInput {
  draft: CaseDraft;
  at: string;
}

export interface CitizenContext {
  intake: IntakeState;
  /** The intake as it was before an emergency message, restored if the citizen declines to record it. */
  beforeEmergency?: IntakeState;
  /** The danger last answered and when, to give its advice again when asked what to do now. */
  lastEmergency?: Emergency;
  lastEmergencyAt?: string;
  /** The question being answered from the knowledge base, and the answers left to offer. */
  consultation?: Consultation;
  /** Options of the last menu shown outside intake, so "1" works there too. */
  menu?: ReplyOption[];
  lastTicketNo?: string;
  /** The consultation that just ended and when: a short follow-up soon after is read in its context. */
  lastConsultation?: { consultation: Consultation; endedAt: string };
  /** The case being looked at in chat, the list shown to pick from, and an action waiting for input. */
  following?: { ticketNo?: string; options?: ReplyOption[]; action?: CaseActionName; note?: string };
}

/** A satisfaction callback waiting for this citizen's answers (read by the server each turn). */
export interface PendingCallback {
  ticketNo: string;
  asking: CallbackSlot;
  answers: CallbackAnswers;
}

export type CitizenEvent = {
  type: 'user.text';
  text: string;
  at: string;
  hints?: TextHints;
  pending?: { callback?: PendingCallback };
  /** The message carried a file (a photo from WeChat); the server holds its bytes for this turn. */
  attachment?: { mime: string; size: number };
};

export interface LookupInput {
  ticketNo?: string;
}

export interface CaseActionInput {
  ticketNo: string;
  action: CaseActionName;
  note?: string;
  /** The turn's file is part of the addition. */
  withAttachment?: boolean;
  at: string;
}

export interface CallbackInput {
  ticketNo: string;
  answers: CallbackAnswers;
  comment?: string;
  at: string;
}

export interface CallbackOutcome {
  ticketNo: string;
  next?: CallbackSlot;
  outcome?: 'closed' | 'reopened';
  escalated?: boolean;
  unitName: string | null;
}
export type ReplyEmitted = { type: 'reply'; reply: Reply };
/** Facts for the record (first-contact resolution, unanswered questions), saved with the turn. */
export type ConsultationEmitted =
  | { type: 'consultation.asked'; question: string; answered: boolean; entryId?: string; confidence?: number }
  | { type: 'consultation.feedback'; helped: boolean };
export type CitizenEmitted = ReplyEmitted | ConsultationEmitted;

const BACK = /^(返回|回到自助|取消|结束人工)/u;

/** Guards and actions ask about the same message more than once in one step: remember the last answer. */
function rememberLast<T>(fn: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastValue: T;
  return (text) => {
    if (text !== lastText) {
      lastValue = fn(text);
      lastText = text;
    }
    return lastValue;
  };
}
const detectEmergency = rememberLast(detectEmergencyIn);
const kindOf = rememberLast(classifyRequestKind);
const rulesKindOf = rememberLast(classifyRequestKindByRules);

const textOf = (event: CitizenEvent) => event.text;

/**
 * A consultation, or a bare question with no problem of one's own in it (the rules' weak 咨询, whatever
 * the n-gram tie-breaker guessed): worth a knowledge search, which offers a case when nothing answers.
 */
function asksForInformation(text: string): boolean {
  const kind = kindOf(text);
  if (kind?.kind === '咨询' && kind.confident) return true;
  // A long letter is read by its own model; the chat rules' weak guesses do not hold there.
  if (kind?.confident || kind?.rule === 'long-message') return false;
  const rules = rulesKindOf(text);
  return rules?.kind === '咨询' && rules.rule === 'question';
}

/** A consultation read as context for a follow-up only for a while after it ended (half an hour). */
const FOLLOW_UP_WINDOW_MS = 30 * 60_000;
function recentConsultation(context: Pick<CitizenContext, 'lastConsultation'>, at: string): Consultation | undefined {
  const last = context.lastConsultation;
  if (!last) return undefined;
  const age = Date.parse(at) - Date.parse(last.endedAt);
  return age >= 0 && age <= FOLLOW_UP_WINDOW_MS ? last.consultation : undefined;
}

/** What the message says about the callback being asked, merged over what was answered before. */
function callbackAnswerIn(event: CitizenEvent): { pending: PendingCallback; answers: CallbackAnswers; comment?: string } | undefined {
  const pending = event.pending?.callback;
  if (!pending) return undefined;
  const read = readCallbackAnswer(event.text, pending.asking);
  if (Object.keys(read.answers).length === 0) return undefined;
  return { pending, answers: { ...pending.answers, ...read.answers }, comment: read.comment };
}
const callbackAnswer = (() => {
  let lastEvent: CitizenEvent | undefined;
  let lastValue: ReturnType<typeof callbackAnswerIn>;
  return (event: CitizenEvent) => {
    if (event !== lastEvent) {
      lastValue = callbackAnswerIn(event);
      lastEvent = event;
    }
    return lastValue;
  };
})();

// 撤了吧 / 不用办了 / 催一下: the case actions said in everyday words.
const CASE_ACTION_WORDS: Array<[RegExp, string]> = [
  [/撤(?:了|掉|销|回)|不用办了|不用管了|不需要了/u, 'withdraw'],
  [/催(?:一下|一催|催|办)?|快点办|怎么还没/u, 'urge'],
  [/补充|再说一下|还有个情况|加个照片|发(?:个|张)?照片/u, 'supplement'],
];

const caseActionOf = (context: CitizenContext, event: CitizenEvent) => {
  const picked = resolveOption(event.text, context.following?.options ?? followOptions.caseActions);
  if (picked !== event.text.trim().replace(/[。.！!？?\s]+$/u, '')) return picked;
  return CASE_ACTION_WORDS.find(([words]) => words.test(event.text) && event.text.length <= 20)?.[1] ?? picked;
};

/** Hints computed for another question (the conversation moved on meanwhile) are ignored. */
const hintsFor = (asking: string | undefined, event: CitizenEvent): TextHintValues | undefined =>
  event.hints && event.hints.asking === asking ? event.hints.values : undefined;
const commandIn = (context: CitizenContext, event: CitizenEvent) =>
  detectCommand(resolveOption(textOf(event), context.menu ?? context.intake.options));

const say = (reply: Reply) => emit<CitizenContext, CitizenEvent, undefined, CitizenEvent, CitizenEmitted>({ type: 'reply', reply });
const menu = (text: string): Reply => ({ kind: 'text', text, options: menuOptions });

const recordOptions: ReplyOption[] = [
  { label: '帮我登记', value: 'record' },
  { label: '不用了', value: 'decline' },
];

const notHelped = (text: string) => resolveOption(text, helpedOptions) === 'no' || detectCommand(text) === 'no';

const declines = (text: string) => resolveOption(text, recordOptions) === 'decline' || detectCommand(text) === 'no' || detectCommand(text) === 'cancel';

// The category an emergency is recorded under, where the tree has one that fits every case of the kind.
const EMERGENCY_CATEGORY: Partial<Record<Emergency['kind'], string>> = {
  fire: 'C13.08.009', // 消防安全
  gas: 'C01.02.013.01', // 燃气泄漏
  violence: 'C13.08.007', // 治安案件
  electric: 'C01.02.015.02', // 电力设施报修
};

/**
 * Whether the intake interrupted by an emergency was a filing under way, to go back to when the citizen
 * declines to record the danger. One that holds only an account (家里厨房有股怪味, asked its type, then
 * 我头好晕 是不是煤气泄漏了) was most likely the same danger told first: it is let go with the offer.
 */
function filingUnderWay(before: IntakeState | undefined): boolean {
  const draft = before?.draft ?? {};
  return Object.entries(draft).some(
    ([field, value]) => value !== undefined && !['description', 'categoryId', 'categoryUnknown', 'typeGuessed'].includes(field) && !(field === 'type' && draft.typeGuessed),
  );
}

const ACKNOWLEDGES = /^(?:不用了?|没事了?|好的?|知道了|明白了|谢谢|谢了|多谢|收到|行吧?)[。！!~～\s]*$/u;
// 行 知道了 / 明白了 谢谢: the answer was taken in.
const ACKNOWLEDGES_ANSWER = /^(?:(?:行|好|好的|嗯|哦|噢)[，,。\s]*)?(?:知道了|明白了|懂了|了解了|清楚了|谢谢|多谢)[了啊啦。！!~～\s]*(?:谢谢)?[。！!]*$/u;

// 没解决 我是想提个建议 / 我要投诉: the kind of case and nothing of its own to tell.
const KIND_ONLY_CHARS = 12;
function statesOnlyKind(text: string): boolean {
  const own = text.replace(/没解决|没有解决|不是|我是|我就是|就是|我要|我想|想|要|提个|提一个|一个|一下|的|了|吧|啊|[\s\p{P}\p{S}]/gu, '');
  return /建议|投诉|举报|求助|表扬|反映/u.test(text) && own.length <= 4 && cjkLength(text) <= KIND_ONLY_CHARS;
}

// 要不要砸窗户 / 能不能喝水: asking whether to do something about the danger.
const ASKS_WHETHER = /要不要|能不能|可不可以|该不该|能否|可以[^，,。]{0,6}吗/u;
// 人救出来了 / 没事了 / 火灭了 / 找到了: the danger is over.
const DANGER_OVER = /救出来了|出来了|没事了|人没事|没大事|火灭了|灭了|找到了|找着了|醒过来了|醒了|平安/u;
// How long after an emergency "现在咋办" is still about it.
const ADVICE_AGAIN_WINDOW_MS = 30 * 60_000;
// 现在咋办 / 我该怎么办 / 救护车还没到: asked while waiting for help.
const ASKS_WHAT_TO_DO = /咋办|怎么办|咋整|该怎么|怎么弄|怎么处理|怎么做|还没到|还没来|等不及|还能干点啥|还能做点什么|还能做什么|能干点啥|我能做什么/u;

// Said to the emergency advice rather than to the offer: 好好 我先打120, 已经报警了, 知道了 马上打.
const ATTENDING =
  /(?:先|马上|这就|立刻|立马|赶紧|现在|已经|正在|在)(?:去)?(?:打|拨|报警|叫|喊)|打(?:过|了)|报(?:过)?警了|叫了|(?:知道|明白|晓得)了|(?:马上|一会儿|很快|说)(?:就)?(?:来|到)|在路上|来人了|到了/u;

/** The citizen acknowledges the emergency advice or is calling now, and tells nothing more to record. */
function attendsToEmergency(text: string): boolean {
  const clauses = text.split(/[\s，,。！!、]+/u).filter(Boolean);
  return clauses.length > 0 && clauses.length <= 3 && clauses.some((c) => ATTENDING.test(c)) && clauses.every((c) => ATTENDING.test(c) || /^(?:好+的?|嗯+|行|谢谢|谢了)$/u.test(c));
}

/** 119（消防救援）或110（报警电话） */
const callNumbers = (call: Emergency['call']) => call.map((c) => `${c.number}（${c.name}）`).join('或');

/** Whom to call, then what to do right now: said before any question. */
function emergencyReply(emergency: Emergency | undefined): Reply {
  const found = emergency ?? { kind: 'medical', call: [{ number: '120', name: '急救电话' }], advice: '' };
  const numbers = callNumbers(found.call);
  return {
    kind: 'emergency',
    text: [routerCopy.emergencyCall(numbers), found.advice].filter(Boolean).join('\n'),
    data: { kind: found.kind, call: found.call },
  };
}

/** Remember what a question asked, so the answer lands in the right slot. */
function remember(intake: IntakeState, q: Question): IntakeState {
  return { ...intake, asking: q.asking, options: q.options, acks: [] };
}

/**
 * Commands that work at every step of intake. Listed first in each waiting state, because a child
 * state's own transitions take precedence over its parent's.
 */
const INTAKE_COMMANDS = [
  // The danger the case already records, told again or corrected (类别不对吧 这是着火了), is an answer.
  { guard: 'isNewEmergency', target: '#citizen.emergencyOffered', actions: ['keepDraftBeforeEmergency', 'absorbAnswer', 'noteEmergency', 'sayEmergency', 'offerToRecord'] },
  { guard: 'isDataRequest', actions: 'sayRefusal' },
  // A photo mid-intake is not an answer: ask for words and keep the question open.
  { guard: 'hasAttachment', actions: 'sayTextOnly' },
  // 你们多久能给修好: the deadline of this kind of case, then the filing goes on.
  { guard: 'asksHowLong', target: '#citizen.intake.deciding', actions: 'sayHowLong' },
  { guard: 'isSideQuestion', target: '#citizen.consulting', actions: 'startSideQuestion' },
  { guard: 'wantsCancel', target: '#citizen.idle', actions: ['clearIntake', 'sayCancelled'] },
  { guard: 'wantsPerson', target: '#citizen.handoff', actions: 'sayHandoff' },
  { guard: 'wantsRestart', target: '#citizen.intake.collecting', reenter: true, actions: ['clearIntake', 'sayRestarted', 'askNext'] },
] as const;

export const citizenMachine = setup({
  types: {
    context: {} as CitizenContext,
    events: {} as CitizenEvent,
    emitted: {} as CitizenEmitted,
    tags: 'awaitingInput' as const,
  },
  actors: {
    fileCase: fromPromise<FiledCase, FileCaseInput>(async () => {
      throw new Error('fileCase must be provided by the server');
    }),
    answerQuestion: fromPromise<KnowledgeHit[], ConsultInput>(async () => {
      throw new Error('answerQuestion must be provided by the server');
    }),
    lookupCases: fromPromise<CaseSummary[], LookupInput>(async () => {
      throw new Error('lookupCases must be provided by the server');
    }),
    actOnCase: fromPromise<CaseActionResult, CaseActionInput>(async () => {
      throw new Error('actOnCase must be provided by the server');
    }),
    setNotifications: fromPromise<boolean, { on: boolean; at: string }>(async () => {
      throw new Error('setNotifications must be provided by the server');
    }),
    recordCallback: fromPromise<CallbackOutcome, CallbackInput>(async () => {
      throw new Error('recordCallback must be provided by the server');
    }),
  },
  guards: {
    wantsCancel: ({ context, event }) => commandIn(context, event) === 'cancel',
    onlyAcknowledges: ({ context, event }) => {
      const command = commandIn(context, event);
      return command === 'yes' || command === 'no' || ACKNOWLEDGES.test(textOf(event).trim());
    },
    wantsRestart: ({ context, event }) => commandIn(context, event) === 'restart',
    wantsPerson: ({ context, event }) => commandIn(context, event) === 'handoff',
    wantsMenu: ({ context, event }) => {
      const c = commandIn(context, event);
      return c === 'greeting' || c === 'help';
    },
    wantsBack: ({ event }) => BACK.test(event.text.trim()),
    wantsBackToDraft: ({ event, context }) => BACK.test(event.text.trim()) && Object.keys(context.intake.draft).length > 0,
    isDataRequest: ({ event }) => isInjectionOrDataRequest(event.text),
    // A question about one's own problem is a case; a confident consultation, or a plain question that
    // names no problem (异地就医怎么报销？), is looked up first: nothing found offers to file it.
    isConsultation: ({ event }) => asksForInformation(event.text),
    isEmergency: ({ event }) => detectEmergency(event.text) !== undefined,
    isNewEmergency: ({ context, event }) => {
      const found = detectEmergency(event.text);
      return found !== undefined && found.kind !== context.intake.emergency;
    },
    isOutOfScope: ({ event }) => isOutOfScope(event.text),
    asksHowLong: ({ context, event }) => howLongAnswer(context.intake.draft, event.text) !== undefined,
    /** A question asked in the middle of filing ("先问一下，物业费不交会怎样？"), not the account itself. */
    isSideQuestion: ({ context, event }) => {
      const kind = kindOf(event.text);
      return kind?.kind === '咨询' && kind.confident && context.intake.asking !== 'description' && context.intake.asking !== undefined;
    },
    foundAnswers: ({ event }) => (event as unknown as { output: KnowledgeHit[] }).output.length > 0,
    helped: ({ event }) => resolveOption(event.text, helpedOptions) === 'yes' || detectCommand(event.text) === 'yes' || ACKNOWLEDGES_ANSWER.test(event.text.trim()),
    notHelpedMoreLeft: ({ context, event }) => notHelped(event.text) && (context.consultation?.shown ?? 0) + 1 < (context.consultation?.hits.length ?? 0),
    notHelped: ({ event }) => notHelped(event.text),
    wantsFiling: ({ event }) => resolveOption(event.text, unansweredOptions) === 'file',
    statesCaseKind: ({ event }) => {
      const said = kindOf(event.text);
      return said?.confident === true && said.kind !== '咨询' && statesOnlyKind(event.text);
    },
    picksPersonOption: ({ event }) => resolveOption(event.text, unansweredOptions) === '转人工',
    wantsNothingMore: ({ event }) => resolveOption(event.text, unansweredOptions) === 'done' || detectCommand(event.text) === 'no',
    wantsNothingMoreMidFiling: ({ context, event }) =>
      context.consultation?.resumeIntake === true && (resolveOption(event.text, unansweredOptions) === 'done' || detectCommand(event.text) === 'no'),
    resumesIntake: ({ context }) => context.consultation?.resumeIntake === true,
    // After a question asked mid-filing, a message that is no question (我不想留电话, 5号楼门口) goes back to the filing.
    answersFilingAgain: ({ context, event }) => context.consultation?.resumeIntake === true && !asksForInformation(event.text) && !notHelped(event.text),
    acceptsRecording: ({ event }) => resolveOption(event.text, recordOptions) === 'record' || detectCommand(event.text) === 'yes',
    declinesRecordingWithDraft: ({ context, event }) => declines(event.text) && filingUnderWay(context.beforeEmergency),
    declinesRecording: ({ event }) => declines(event.text),
    attendsToEmergencyWithDraft: ({ context, event }) => attendsToEmergency(event.text) && filingUnderWay(context.beforeEmergency),
    attendsToEmergency: ({ event }) => attendsToEmergency(event.text),
    asksWhatToDo: ({ context, event }) => context.lastEmergency !== undefined && ASKS_WHAT_TO_DO.test(event.text),
    dangerIsOver: ({ event }) => DANGER_OVER.test(event.text) && detectEmergency(event.text) === undefined && !declines(event.text),
    asksAboutSameDanger: ({ context, event }) => {
      const last = context.lastEmergency;
      const found = detectEmergency(event.text);
      return last !== undefined && (ASKS_WHAT_TO_DO.test(event.text) || ASKS_WHETHER.test(event.text)) && (!found || found.kind !== last.kind);
    },
    // 打完了 现在咋办, some minutes after "好好 我先打120" closed the offer.
    asksWhatToDoSoonAfter: ({ context, event }) =>
      context.lastEmergency !== undefined &&
      Date.parse(event.at) - Date.parse(context.lastEmergencyAt ?? '') <= ADVICE_AGAIN_WINDOW_MS &&
      ASKS_WHAT_TO_DO.test(event.text) &&
      detectEmergency(event.text) === undefined,
    hasIntakeProgress: ({ context }) => context.intake.failures === 0,
    tooManyFailures: ({ context }) => context.intake.failures >= MAX_FAILURES,
    draftComplete: ({ context }) => missingSlot(context.intake.draft) === undefined && !context.intake.candidates?.length,
    confirmed: ({ context, event }) => confirmAnswer(event.text, context.intake.options) === 'yes',
    wantsChange: ({ context, event }) => confirmAnswer(event.text, context.intake.options) === 'change',
    pickedField: ({ context, event }) => forgetSlot(context.intake, event.text) !== undefined,
    answersCallback: ({ event }) => callbackAnswer(event) !== undefined,
    wantsNotificationsOff: ({ event }) => notificationCommand(event.text) === 'off',
    wantsNotificationsOn: ({ event }) => notificationCommand(event.text) === 'on',
    asksAboutCase: ({ event }) => ticketNoIn(event.text) !== undefined || asksProgress(event.text),
    foundNoCase: ({ event }) => (event as unknown as { output: CaseSummary[] }).output.length === 0,
    foundOneCase: ({ event }) => (event as unknown as { output: CaseSummary[] }).output.length === 1,
    pickedCase: ({ context, event }) => (context.following?.options ?? []).some((o) => o.value === resolveOption(event.text, context.following?.options) || o.value === ticketNoIn(event.text)),
    wantsUrge: ({ context, event }) => caseActionOf(context, event) === 'urge' || /催办|催一下|催促/u.test(event.text),
    wantsSupplement: ({ context, event }) => caseActionOf(context, event) === 'supplement' || /^补充/u.test(event.text.trim()),
    wantsWithdraw: ({ context, event }) => caseActionOf(context, event) === 'withdraw' || /^撤销(工单)?$|^撤回(工单)?$/u.test(event.text.trim()),
    wantsBackFromCase: ({ context, event }) => caseActionOf(context, event) === 'back' || BACK.test(event.text.trim()) || detectCommand(event.text) === 'cancel',
    // 嗯 撤了吧 / 撤吧 / 对 撤销: yes, unless said against it (不撤了, 别撤).
    confirmsWithdraw: ({ event }) =>
      resolveOption(event.text, followOptions.confirmWithdraw) === 'yes' ||
      detectCommand(event.text) === 'yes' ||
      (/撤/u.test(event.text) && !/不撤|别撤|不要撤|先不/u.test(event.text)),
    hasAttachment: ({ event }) => event.attachment !== undefined,
  },
  actions: {
    rememberMenu: assign({ menu: () => menuOptions }),
    sayGreeting: say(menu(routerCopy.greeting)),
    sayHelp: say(menu(routerCopy.help)),
    sayNotUnderstood: say(menu(routerCopy.notUnderstood)),
    startIntake: assign(({ context, event }) => {
      const intake = absorb(emptyIntake(), resolveOption(event.text, context.menu), hintsFor(undefined, event));
      return { menu: undefined, intake: { ...intake, acks: [intakeCopy.opening, ...intake.acks] } };
    }),
    absorbAnswer: assign(({ context, event }) => ({ intake: absorb(context.intake, event.text, hintsFor(context.intake.asking, event)) })),
    askNext: enqueueActions(({ context, enqueue }) => {
      const q = nextQuestion(context.intake);
      enqueue.assign({ intake: remember(context.intake, q) });
      enqueue.emit({ type: 'reply', reply: q.reply });
    }),
    askReadBack: enqueueActions(({ context, enqueue }) => {
      const q = readBack(context.intake);
      enqueue.assign({ intake: remember(context.intake, q) });
      enqueue.emit({ type: 'reply', reply: q.reply });
    }),
    askWhichToChange: enqueueActions(({ context, enqueue }) => {
      const q = askWhichToChange();
      enqueue.assign({ intake: remember(context.intake, q) });
      enqueue.emit({ type: 'reply', reply: q.reply });
    }),
    forgetChosenField: assign(({ context, event }) => ({ intake: forgetSlot(context.intake, event.text) ?? context.intake })),
    countFailure: assign(({ context }) => ({ intake: { ...context.intake, failures: context.intake.failures + 1, acks: [] } })),
    /** Back from a person with a half-filed case: carry on where it stopped, with a clean slate of failures. */
    resumeIntake: assign(({ context }) => ({ intake: { ...context.intake, failures: 0, problem: undefined, candidates: undefined, acks: [] } })),
    sayResuming: say({ kind: 'text', text: routerCopy.resumeIntake }),
    sayEmergency: emit(({ event }) => ({ type: 'reply' as const, reply: emergencyReply(detectEmergency(event.text)) })),
    offerToRecord: say({ kind: 'question', text: routerCopy.offerToRecord, options: recordOptions }),
    sayStaySafe: say({ kind: 'text', text: routerCopy.staySafe }),
    sayCallFirst: say({ kind: 'text', text: routerCopy.callFirst }),
    sayGladSafe: say({ kind: 'text', text: routerCopy.gladSafe }),
    sayHowLong: assign(({ context, event }) => ({
      intake: { ...context.intake, acks: [...context.intake.acks, howLongAnswer(context.intake.draft, event.text) ?? ''] },
    })),
    sayAdviceAgain: emit(({ context }) => {
      const last = context.lastEmergency;
      const numbers = callNumbers(last?.call ?? []);
      return { type: 'reply' as const, reply: { kind: 'emergency' as const, text: [last?.advice, routerCopy.whileWaiting(numbers)].filter(Boolean).join('\n'), data: { kind: last?.kind, call: last?.call ?? [] } } };
    }),
    sayOutOfScope: say({ kind: 'text', text: consultCopy.outOfScope, options: menuOptions }),
    startConsultation: assign(({ context, event }) => ({
      consultation: { question: followUpQuestion(recentConsultation(context, event.at), event.text), hits: [], shown: 0, resumeIntake: false },
      lastConsultation: undefined,
    })),
    startSideQuestion: assign(({ event }) => ({
      consultation: { question: event.text.trim(), hits: [], shown: 0, resumeIntake: true },
    })),
    askAnotherQuestion: assign(({ context, event }) => ({
      consultation: {
        question: followUpQuestion(context.consultation, event.text),
        firstQuestion: context.consultation?.firstQuestion ?? context.consultation?.question,
        hits: [],
        shown: 0,
        resumeIntake: context.consultation?.resumeIntake ?? false,
      },
    })),
    showNextAnswer: enqueueActions(({ context, enqueue }) => {
      const consultation = context.consultation;
      const next = consultation?.hits[consultation.shown + 1];
      if (!consultation || !next) return;
      enqueue.assign({ consultation: { ...consultation, shown: consultation.shown + 1 } });
      for (const reply of answerReplies(next, consultCopy.nextBest)) enqueue.emit({ type: 'reply', reply });
    }),
    recordUnanswered: emit(({ context }) => ({ type: 'consultation.asked' as const, question: context.consultation?.question ?? '', answered: false })),
    recordHelped: emit({ type: 'consultation.feedback' as const, helped: true }),
    recordNotHelped: emit({ type: 'consultation.feedback' as const, helped: false }),
    sayUnanswered: say({ kind: 'question', text: consultCopy.unanswered, options: unansweredOptions }),
    sayBackToIntake: say({ kind: 'text', text: consultCopy.backToIntake }),
    sayGladToHelp: say({ kind: 'text', text: consultCopy.gladToHelp }),
    sayDeclinedConsultation: say({ kind: 'text', text: consultCopy.declined }),
    fileConsultation: enqueueActions(({ context, enqueue, event }) => {
      // 没解决 我是想提个建议: a case of the kind said, told by the question first asked.
      const said = kindOf(textOf(event as CitizenEvent));
      const statedKind = said?.confident && said.kind !== '咨询' && statesOnlyKind(textOf(event as CitizenEvent)) ? said.kind : undefined;
      const question = (statedKind ? context.consultation?.firstQuestion : undefined) ?? context.consultation?.question ?? '';
      // A "question" that leans to a proposal or a grievance (公交站没棚子 能不能给弄一个) is filed as that.
      const leaning = kindOf(question)?.kind;
      const kind = statedKind ?? (leaning && leaning !== '咨询' && leaning !== '表扬' ? leaning : '咨询');
      const draft = context.consultation?.resumeIntake ? context.intake.draft : {};
      // A consultation case of its own: the question is its account; an interrupted intake is set aside.
      enqueue.assign({
        intake: {
          ...emptyIntake({ ...(context.consultation?.resumeIntake ? {} : draft), type: kind, description: question }),
          acks: [kind === '咨询' ? consultCopy.fileIt : intakeCopy.opening],
        },
        consultation: undefined,
      });
    }),
    endConsultation: assign(({ context, event }) => ({
      consultation: undefined,
      lastConsultation: context.consultation && !context.consultation.resumeIntake ? { consultation: context.consultation, endedAt: (event as CitizenEvent).at } : undefined,
    })),
    /** An emergency case is a request for help whose account is the message itself, unless the citizen said more. */
    noteEmergency: assign(({ context, event }) => {
      const found = detectEmergency(event.text);
      const kind = found?.kind;
      const draft = { type: '求助' as const, ...context.intake.draft, description: context.intake.draft.description ?? event.text.trim() };
      // Recorded, a fire is a fire-safety case whatever the smoke smelled of (not 异味废气 for 7 days),
      // when the danger is the account itself (not told in the middle of filing something else).
      const isTheAccount = !context.beforeEmergency?.draft.description;
      const categoryId = kind && isTheAccount ? EMERGENCY_CATEGORY[kind] : undefined;
      return {
        intake: { ...context.intake, emergency: kind, draft: categoryId ? { ...draft, categoryId, categoryUnknown: undefined } : draft },
        ...(found ? { lastEmergency: found, lastEmergencyAt: (event as CitizenEvent).at } : {}),
      };
    }),
    keepDraftBeforeEmergency: assign(({ context }) => ({ beforeEmergency: context.beforeEmergency ?? context.intake })),
    forgetDraftBeforeEmergency: assign({ beforeEmergency: undefined }),
    restoreDraftBeforeEmergency: assign(({ context }) => ({ intake: { ...(context.beforeEmergency ?? emptyIntake()), failures: 0, acks: [] }, beforeEmergency: undefined })),
    clearIntake: assign({ intake: () => emptyIntake(), menu: undefined }),
    sayCancelled: say({ kind: 'text', text: intakeCopy.cancelled }),
    sayRestarted: say({ kind: 'text', text: intakeCopy.restarted }),
    sayNothingToCancel: say({ kind: 'text', text: routerCopy.nothingToCancel }),
    sayHandoff: say({ kind: 'handoff', text: routerCopy.handoff }),
    sayEscalate: say({ kind: 'handoff', text: intakeCopy.escalate, data: { reason: 'too_many_failures' } }),
    sayBack: say({ kind: 'text', text: routerCopy.backFromHandoff }),
    sayRefusal: say({ kind: 'text', text: routerCopy.refuseDataRequest }),
    sayConfirmOrChange: say({ kind: 'question', text: intakeCopy.confirmOrChange, options: readBack(emptyIntake()).options }),
    sayFilingFailed: say({ kind: 'error', text: intakeCopy.filingFailed }),
    followAsked: assign(({ event }) => ({ following: { ticketNo: ticketNoIn(event.text) } })),
    followPicked: assign(({ context, event }) => ({
      following: { ticketNo: ticketNoIn(event.text) ?? resolveOption(event.text, context.following?.options) },
    })),
    forgetFollowing: assign({ following: undefined }),
    prepareUrge: assign(({ context }) => ({ following: { ...context.following, action: 'urge' as const, note: undefined } })),
    prepareSupplement: assign(({ context, event }) => ({
      following: { ...context.following, action: 'supplement' as const, note: event.attachment ? undefined : event.text.trim() },
    })),
    prepareWithdraw: assign(({ context }) => ({ following: { ...context.following, action: 'withdraw' as const, note: undefined } })),
    sayAskSupplement: say({ kind: 'question', text: followCopy.askSupplement }),
    sayConfirmWithdraw: emit(({ context }) => ({
      type: 'reply' as const,
      reply: { kind: 'confirm' as const, text: followCopy.confirmWithdraw(context.following?.ticketNo ?? ''), options: followOptions.confirmWithdraw },
    })),
    sayKeptOpen: say({ kind: 'text', text: followCopy.keptOpen }),
    sayBackToMenu: say({ kind: 'text', text: followCopy.backToMenu }),
    sayTextOnly: say({ kind: 'text', text: routerCopy.textOnly }),
    sayCaseActionFailed: say({ kind: 'error', text: routerCopy.systemError }),
    passOn: raise(({ event }) => event),
  },
}).createMachine({
  id: 'citizen',
  context: { intake: emptyIntake() },
  initial: 'idle',
  states: {
    idle: {
      tags: 'awaitingInput',
      on: {
        'user.text': [
          // Someone in danger hears whom to call before anything else.
          { guard: 'isEmergency', target: 'emergencyOffered', actions: ['keepDraftBeforeEmergency', 'startIntake', 'noteEmergency', 'sayEmergency', 'offerToRecord'] },
          { guard: 'isDataRequest', actions: 'sayRefusal' },
          { guard: 'asksWhatToDoSoonAfter', actions: 'sayAdviceAgain' },
          { guard: 'wantsPerson', target: 'handoff', actions: 'sayHandoff' },
          { guard: 'answersCallback', target: 'answeringCallback' },
          { guard: 'hasAttachment', actions: 'sayTextOnly' },
          { guard: 'wantsNotificationsOn', target: 'settingNotifications' },
          { guard: 'wantsNotificationsOff', target: 'settingNotifications' },
          { guard: 'asksAboutCase', target: 'following', actions: 'followAsked' },
          { guard: 'wantsCancel', actions: 'sayNothingToCancel' },
          { guard: 'wantsMenu', actions: ['rememberMenu', 'sayGreeting'] },
          { guard: 'wantsRestart', actions: ['rememberMenu', 'sayHelp'] },
          // 不用了 / 好的 / 谢谢 with nothing going on: acknowledged, not "没太明白".
          { guard: 'onlyAcknowledges', actions: 'sayNothingToCancel' },
          { guard: 'isOutOfScope', actions: 'sayOutOfScope' },
          { guard: 'isConsultation', target: 'consulting', actions: 'startConsultation' },
          { actions: 'startIntake', target: 'intake.starting' },
        ],
      },
    },
    intake: {
      initial: 'collecting',
      states: {
        /** First message outside intake: only start when it told us something usable. */
        starting: {
          always: [
            { guard: 'hasIntakeProgress', target: 'deciding' },
            { target: '#citizen.idle', actions: ['clearIntake', 'rememberMenu', 'sayNotUnderstood'] },
          ],
        },
        collecting: {
          tags: 'awaitingInput',
          on: { 'user.text': [...INTAKE_COMMANDS, { target: 'deciding', actions: 'absorbAnswer' }] },
        },
        deciding: {
          always: [
            { guard: 'tooManyFailures', target: '#citizen.handoff', actions: 'sayEscalate' },
            { guard: 'draftComplete', target: 'confirming', actions: 'askReadBack' },
            { target: 'collecting', actions: 'askNext' },
          ],
        },
        confirming: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              ...INTAKE_COMMANDS,
              { guard: 'confirmed', target: 'filing' },
              { guard: 'wantsChange', target: 'choosingField', actions: 'askWhichToChange' },
              { target: 'reviewingCorrection', actions: 'absorbAnswer' },
            ],
          },
        },
        /** A free-text message at the read-back: a correction re-reads the summary, anything else re-prompts. */
        reviewingCorrection: {
          always: [
            { guard: 'tooManyFailures', target: '#citizen.handoff', actions: 'sayEscalate' },
            { guard: 'hasIntakeProgress', target: 'deciding' },
            { target: 'confirming', actions: 'sayConfirmOrChange' },
          ],
        },
        choosingField: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              ...INTAKE_COMMANDS,
              { guard: 'confirmed', target: 'filing' },
              { guard: 'pickedField', target: 'deciding', actions: 'forgetChosenField' },
              { target: 'reviewingCorrection', actions: 'absorbAnswer' },
            ],
          },
        },
        filing: {
          invoke: {
            src: 'fileCase',
            input: ({ context, event }) => ({ draft: context.intake.draft, at: event.at }),
            onDone: {
              target: '#citizen.idle',
              actions: enqueueActions(({ enqueue, event }) => {
                const filed = event.output;
                enqueue.assign({ lastTicketNo: filed.ticketNo, intake: emptyIntake(), menu: undefined });
                enqueue.emit({
                  type: 'reply',
                  reply: {
                    kind: 'case_filed',
                    text: intakeCopy.filed(filed.ticketNo, filed.unit?.name),
                    data: { ticketNo: filed.ticketNo, unit: filed.unit ?? null },
                  },
                });
              }),
            },
            onError: { target: 'confirming', actions: 'sayFilingFailed' },
          },
        },
      },
    },
    /** A question answered from the knowledge base: a cited answer, or an honest "I don't know" with a way on. */
    consulting: {
      initial: 'searching',
      states: {
        searching: {
          invoke: {
            src: 'answerQuestion',
            input: ({ context, event }) => ({ question: context.consultation?.question ?? '', at: (event as CitizenEvent).at }),
            onDone: [
              {
                guard: 'foundAnswers',
                target: 'feedback',
                actions: enqueueActions(({ context, enqueue, event }) => {
                  const hits = event.output;
                  const first = hits[0];
                  if (!context.consultation || !first) return;
                  enqueue.assign({ consultation: { ...context.consultation, hits, shown: 0 } });
                  enqueue.emit({ type: 'consultation.asked', question: context.consultation.question, answered: true, entryId: first.id, confidence: first.confidence });
                  for (const reply of answerReplies(first)) enqueue.emit({ type: 'reply', reply });
                }),
              },
              { target: 'unanswered', actions: ['recordUnanswered', 'sayUnanswered'] },
            ],
            onError: { target: 'unanswered', actions: ['recordUnanswered', 'sayUnanswered'] },
          },
        },
        feedback: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              ...INTAKE_COMMANDS.filter((c) => c.guard !== 'isSideQuestion'),
              // Back to an interrupted filing without a goodbye in between.
              { guard: and(['helped', 'resumesIntake']), target: '#citizen.afterConsultation', actions: 'recordHelped' },
              { guard: 'helped', target: '#citizen.afterConsultation', actions: ['recordHelped', 'sayGladToHelp'] },
              // 没解决 我是想提个建议: not a question at all, a case of that kind.
              { guard: 'statesCaseKind', target: '#citizen.intake.deciding', actions: ['recordNotHelped', 'fileConsultation'] },
              { guard: 'answersFilingAgain', target: '#citizen.intake.deciding', actions: ['endConsultation', 'absorbAnswer'] },
              { guard: 'notHelpedMoreLeft', target: 'feedback', reenter: true, actions: ['recordNotHelped', 'showNextAnswer'] },
              { guard: 'notHelped', target: 'unanswered', actions: ['recordNotHelped', 'sayUnanswered'] },
              { target: 'searching', actions: 'askAnotherQuestion' },
            ],
          },
        },
        unanswered: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              // "2" picks 转人工 of this menu (the intake's own options mean nothing here).
              { guard: 'picksPersonOption', target: '#citizen.handoff', actions: 'sayHandoff' },
              ...INTAKE_COMMANDS.filter((c) => c.guard !== 'isSideQuestion'),
              { guard: 'wantsFiling', target: '#citizen.intake.deciding', actions: 'fileConsultation' },
              { guard: 'statesCaseKind', target: '#citizen.intake.deciding', actions: 'fileConsultation' },
              // In the middle of a filing, "no" goes back to it (afterConsultation says so): no goodbye first.
              { guard: 'wantsNothingMoreMidFiling', target: '#citizen.afterConsultation' },
              { guard: 'answersFilingAgain', target: '#citizen.intake.deciding', actions: ['endConsultation', 'absorbAnswer'] },
              { guard: 'wantsNothingMore', target: '#citizen.afterConsultation', actions: 'sayDeclinedConsultation' },
              { target: 'searching', actions: 'askAnotherQuestion' },
            ],
          },
        },
      },
    },
    /** Back to an interrupted intake, or to the start. */
    afterConsultation: {
      always: [
        { guard: 'resumesIntake', target: 'intake.deciding', actions: ['endConsultation', 'sayBackToIntake'] },
        { target: 'idle', actions: 'endConsultation' },
      ],
    },
    /** The emergency reply went out; the citizen chooses whether to record the matter as a case too. */
    emergencyOffered: {
      tags: 'awaitingInput',
      on: {
        'user.text': [
          // 孩子看着快不行了 要不要砸窗户 (locked in a car): a question about the danger answered, not a new one.
          { guard: 'asksAboutSameDanger', actions: 'sayAdviceAgain' },
          { guard: 'isEmergency', actions: ['absorbAnswer', 'noteEmergency', 'sayEmergency', 'offerToRecord'] },
          { guard: 'acceptsRecording', target: 'intake.deciding', actions: ['forgetDraftBeforeEmergency', 'resumeIntake'] },
          { guard: 'declinesRecordingWithDraft', target: 'intake.deciding', actions: ['restoreDraftBeforeEmergency', 'sayStaySafe'] },
          { guard: 'declinesRecording', target: 'idle', actions: ['clearIntake', 'forgetDraftBeforeEmergency', 'sayStaySafe'] },
          // "打了120了 现在咋办": what to do while help comes, not an answer to the offer.
          { guard: 'asksWhatToDo', actions: 'sayAdviceAgain' },
          // "打了119 人救出来了 没事": glad, and the offer stands (the lift that keeps failing is still a case).
          { guard: 'dangerIsOver', actions: ['sayGladSafe', 'offerToRecord'] },
          // "好好 我先打120": the citizen is dealing with the danger, not answering; nothing is recorded.
          { guard: 'attendsToEmergencyWithDraft', target: 'intake.deciding', actions: ['restoreDraftBeforeEmergency', 'sayCallFirst'] },
          { guard: 'attendsToEmergency', target: 'idle', actions: ['clearIntake', 'forgetDraftBeforeEmergency', 'sayCallFirst'] },
          { target: 'intake.deciding', actions: ['forgetDraftBeforeEmergency', 'resumeIntake', 'absorbAnswer'] },
        ],
      },
    },
    /** A satisfaction callback answer: stored by the server, then the next question or the outcome. */
    answeringCallback: {
      invoke: {
        src: 'recordCallback',
        input: ({ event }) => {
          const e = event as CitizenEvent;
          const read = callbackAnswer(e);
          return { ticketNo: read?.pending.ticketNo ?? '', answers: read?.answers ?? {}, comment: read?.comment, at: e.at };
        },
        onDone: {
          target: 'idle',
          actions: enqueueActions(({ enqueue, event }) => {
            const done = event.output;
            if (done.next) {
              const next = callbackQuestion(done.ticketNo, done.next);
              enqueue.emit({ type: 'reply', reply: { ...next, text: `${followCopy.noted}${next.text}` } });
            } else if (done.outcome === 'reopened') {
              const text = [followCopy.callbackNotSolvedThanks, followCopy.reopened(done.ticketNo, done.unitName ?? '承办单位'), done.escalated ? followCopy.escalated : '']
                .filter(Boolean)
                .join('\n');
              enqueue.emit({ type: 'reply', reply: { kind: 'callback', text, data: { ticketNo: done.ticketNo, outcome: 'reopened', escalated: done.escalated ?? false } } });
            } else {
              enqueue.emit({ type: 'reply', reply: { kind: 'callback', text: followCopy.callbackThanks, data: { ticketNo: done.ticketNo, outcome: 'closed' } } });
            }
          }),
        },
        onError: { target: 'idle', actions: 'sayCaseActionFailed' },
      },
    },
    settingNotifications: {
      invoke: {
        src: 'setNotifications',
        input: ({ event }) => ({ on: notificationCommand((event as CitizenEvent).text) === 'on', at: (event as CitizenEvent).at }),
        onDone: {
          target: 'idle',
          actions: emit(({ event }) => ({
            type: 'reply' as const,
            reply: { kind: 'text' as const, text: event.output ? followCopy.notificationsOn : followCopy.notificationsOff },
          })),
        },
        onError: { target: 'idle', actions: 'sayCaseActionFailed' },
      },
    },
    /** Following a case like a parcel: its timeline, then urge, add information or withdraw. */
    following: {
      initial: 'looking',
      states: {
        looking: {
          invoke: {
            src: 'lookupCases',
            input: ({ context }) => ({ ticketNo: context.following?.ticketNo }),
            onDone: [
              {
                guard: 'foundNoCase',
                target: '#citizen.idle',
                actions: enqueueActions(({ context, enqueue }) => {
                  const asked = context.following?.ticketNo;
                  enqueue.assign({ following: undefined });
                  enqueue.emit({ type: 'reply', reply: { kind: 'case_status', text: asked ? followCopy.notYours(asked) : followCopy.noCases, data: { cases: [] } } });
                }),
              },
              {
                guard: 'foundOneCase',
                target: 'viewing',
                actions: enqueueActions(({ enqueue, event }) => {
                  const [only] = event.output;
                  if (!only) return;
                  enqueue.assign({ following: { ticketNo: only.ticketNo, options: only.open ? followOptions.caseActions : undefined } });
                  enqueue.emit({ type: 'reply', reply: caseStatusReply(only) });
                }),
              },
              {
                target: 'picking',
                actions: enqueueActions(({ enqueue, event }) => {
                  const list = caseListReply(event.output);
                  enqueue.assign({ following: { options: list.options } });
                  enqueue.emit({ type: 'reply', reply: list.reply });
                }),
              },
            ],
            onError: { target: '#citizen.idle', actions: ['forgetFollowing', 'sayCaseActionFailed'] },
          },
        },
        picking: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              { guard: 'isEmergency', target: '#citizen.idle', actions: ['forgetFollowing', 'passOn'] },
              { guard: 'pickedCase', target: 'looking', actions: 'followPicked' },
              { guard: 'wantsBackFromCase', target: '#citizen.idle', actions: ['forgetFollowing', 'sayBackToMenu'] },
              // Anything else is a new message: handled from the start.
              { target: '#citizen.idle', actions: ['forgetFollowing', 'passOn'] },
            ],
          },
        },
        viewing: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              { guard: 'isEmergency', target: '#citizen.idle', actions: ['forgetFollowing', 'passOn'] },
              { guard: 'wantsUrge', target: 'acting', actions: 'prepareUrge' },
              { guard: 'wantsSupplement', target: 'supplementing', actions: 'sayAskSupplement' },
              { guard: 'wantsWithdraw', target: 'confirmingWithdraw', actions: ['prepareWithdraw', 'sayConfirmWithdraw'] },
              { guard: 'wantsBackFromCase', target: '#citizen.idle', actions: ['forgetFollowing', 'sayBackToMenu'] },
              { target: '#citizen.idle', actions: ['forgetFollowing', 'passOn'] },
            ],
          },
        },
        supplementing: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              { guard: 'isEmergency', target: '#citizen.idle', actions: ['forgetFollowing', 'passOn'] },
              { guard: 'wantsBackFromCase', target: '#citizen.idle', actions: ['forgetFollowing', 'sayBackToMenu'] },
              { target: 'acting', actions: 'prepareSupplement' },
            ],
          },
        },
        confirmingWithdraw: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              { guard: 'confirmsWithdraw', target: 'acting' },
              { target: '#citizen.idle', actions: ['forgetFollowing', 'sayKeptOpen'] },
            ],
          },
        },
        acting: {
          invoke: {
            src: 'actOnCase',
            input: ({ context, event }) => {
              const e = event as CitizenEvent;
              return {
                ticketNo: context.following?.ticketNo ?? '',
                action: context.following?.action ?? 'urge',
                note: context.following?.note,
                withAttachment: e.attachment !== undefined,
                at: e.at,
              };
            },
            onDone: {
              target: '#citizen.idle',
              actions: enqueueActions(({ enqueue, event }) => {
                enqueue.assign({ following: undefined });
                enqueue.emit({ type: 'reply', reply: caseActionReply(event.output) });
              }),
            },
            onError: { target: '#citizen.idle', actions: ['forgetFollowing', 'sayCaseActionFailed'] },
          },
        },
      },
    },
    handoff: {
      // Muted: a person is (or will be) answering. Only "返回" brings the bot back.
      tags: 'awaitingInput',
      on: {
        'user.text': [
          // Muted or not, danger gets its answer at once; the person who takes over sees it too.
          { guard: 'isEmergency', actions: 'sayEmergency' },
          { guard: 'wantsBackToDraft', target: 'intake.deciding', actions: ['resumeIntake', 'sayResuming'] },
          { guard: 'wantsBack', target: 'idle', actions: 'sayBack' },
        ],
      },
    },
  },
});


/** What a persisted conversation is waiting for, read without running it (for the optional model). */
export function pendingQuestion(snapshot: unknown): { asking?: string; known: Record<string, unknown>; muted: boolean } {
  const persisted = snapshot as { value?: unknown; context?: Partial<CitizenContext> } | null;
  const intake = persisted?.context?.intake;
  const draft = intake?.draft ?? {};
  return {
    asking: intake?.asking,
    known: { type: draft.type, district: draft.district, street: draft.street, confidential: draft.confidential },
    muted: persisted?.value === 'handoff',
  };
}

/**
 * The question the consultation states would search for this message, read without running the flow
 * (the optional model prepares its answer before the turn). Undefined when the message would not be
 * searched: not a consultation, an answer to "did this help?", a muted conversation.
 */
export function consultationQuestion(snapshot: unknown, text: string, at: string): string | undefined {
  const persisted = snapshot as { value?: unknown; context?: Partial<CitizenContext> } | null | undefined;
  const value = persisted?.value;
  if (typeof value === 'object' && value !== null && 'consulting' in value) {
    const options = [...helpedOptions, ...unansweredOptions];
    const answersOption = options.some((o) => o.value === resolveOption(text, options));
    return answersOption || detectCommand(text) ? undefined : followUpQuestion(persisted?.context?.consultation, text);
  }
  if (value === 'handoff' || value === 'emergencyOffered') return undefined;
  if (!(asksForInformation(text) && !isOutOfScope(text))) return undefined;
  // As startConsultation does.
  return followUpQuestion(recentConsultation(persisted?.context ?? {}, at), text);
}
