import type { Reply, ReplyOption } from '../domain/reply.ts';
import { normaliseForMatching } from '../domain/understand/fold.ts';
import { beijingTime, followCopy, followOptions } from './followup.copy.ts';

/** A citizen's case as the chat shows it (built by the server from the case and its events). */
export interface CaseSummary {
  ticketNo: string;
  status: string;
  statusLabel: string;
  unitName: string | null;
  /** The start of the account, for telling cases apart in a list. */
  summary: string;
  dueAt: string | null;
  overdue: boolean;
  /** Urge, add information and withdraw are open. */
  open: boolean;
  timeline: Array<{ at: string; step: string; unit: string | null; note: string | null }>;
}

export type CaseActionName = 'urge' | 'supplement' | 'withdraw';

export type CaseActionResult =
  | { ok: true; action: CaseActionName; ticketNo: string; unitName: string | null; attachments?: number }
  | { ok: false; action: CaseActionName; ticketNo: string; reason: 'urged_today' | 'not_open' | 'bad_attachment'; statusLabel?: string };

const TICKET = /J\d{11}/iu;

/** A ticket number in the text (J26112300001), upper-cased. */
export function ticketNoIn(text: string): string | undefined {
  return TICKET.exec(text)?.[0]?.toUpperCase();
}

// "我反映的问题怎么样了", "上次投诉的事有结果了吗", "查一下进度": about one's own case, not a new one.
const MY_CASE = /(我|俺|我们|上次|之前|前几天|昨天|刚才)[^，。！？,.!?]{0,6}(反映|投诉|举报|报|提交|登记|求助|说)的?[^，。！？,.!?]{0,6}(怎么样|咋样|如何|有结果|有进展|有消息|处理了|办了|解决了吗|到哪|进度|进展|回复)/u;
const PROGRESS = /^(查询?|查一下|看看|看一下)?(我的)?(工单|案件|投诉|诉求)?(进度|进展|办理情况|处理情况|状态)(查询)?(怎么样了?|如何)?$/u;
const MY_TICKETS = /^(查询?|查一下|看看)?我的(工单|投诉|诉求|反映)(列表)?$|^查(询)?工单$/u;
// 我的工单怎么还没人管 催一下 / 那个工单撤了吧 / 工单号记不住了: one's own ticket, whatever is asked of it.
const MY_TICKET_SAID = /(我的|我那个|那个|这个|上次的?|之前的?)(工单|单子)|工单号(记不住|忘了|找不到|不记得|丢了)/u;
// 我那个暖气的事咋样了 / 我反映的暖气问题有人管了吗: one's own matter and how it is going.
const MY_MATTER = /(我|俺)(那个|那件|的|反映的|投诉的|说的)[^，。！？,.!?]{0,8}(事|事儿|问题)[^，。！？,.!?]{0,4}(怎么样|咋样|如何|有人管|没人管|有结果|有进展|有消息|办了|处理了|解决了吗)/u;

/** Whether the citizen asks how their case is going. */
export function asksProgress(text: string): boolean {
  const folded = normaliseForMatching(text).replace(/[\s，。！？,.!?~～]+$/u, '').replace(/^[\s，。！？,.!?]+/u, '');
  if (folded.length > 60) return false;
  return MY_CASE.test(folded) || PROGRESS.test(folded) || MY_TICKETS.test(folded) || MY_TICKET_SAID.test(folded) || MY_MATTER.test(folded);
}

const OFF = /(不要|别|不用|不需要|停止|关闭|取消)(再|继续)?(给我)?(发|推送?|通知|提醒|打扰)|^退订$|关闭通知|取消通知/u;
const ON = /(恢复|打开|开启|重新)(接收)?(通知|推送|提醒)|^(继续|还是)(通知|提醒)我/u;

/** 不要再通知我 → off; 恢复通知 → on. */
export function notificationCommand(text: string): 'off' | 'on' | undefined {
  const folded = normaliseForMatching(text).trim();
  if (folded.length > 30) return undefined;
  if (ON.test(folded)) return 'on';
  if (OFF.test(folded)) return 'off';
  return undefined;
}

/** Parcel-tracker view of one case, with what the citizen can do next. */
export function caseStatusReply(c: CaseSummary): Reply {
  const lines = [`工单${c.ticketNo}：${c.statusLabel}${c.unitName ? `（${c.unitName}）` : ''}`];
  for (const step of c.timeline) lines.push(`· ${beijingTime(step.at)} ${step.step}${step.note ? `：${step.note}` : ''}`);
  if (c.open && c.dueAt) lines.push(followCopy.due(beijingTime(c.dueAt)));
  if (c.open && c.overdue) lines.push(followCopy.overdue);
  return {
    kind: 'case_status',
    text: c.open ? `${lines.join('\n')}\n${followCopy.whatNext}` : lines.join('\n'),
    options: c.open ? followOptions.caseActions : undefined,
    data: { ticketNo: c.ticketNo, status: c.status, unit: c.unitName, dueAt: c.dueAt, overdue: c.overdue, timeline: c.timeline },
  };
}

/** Several cases: a short list to pick from (open ones first, at most five). */
export function caseListReply(cases: CaseSummary[]): { reply: Reply; options: ReplyOption[] } {
  const shown = [...cases].sort((a, b) => Number(b.open) - Number(a.open)).slice(0, 5);
  const options = shown.map((c) => ({ label: `${c.ticketNo} ${c.statusLabel} ${c.summary}`, value: c.ticketNo }));
  return {
    reply: { kind: 'case_status', text: followCopy.pickCase, options, data: { cases: shown.map((c) => ({ ticketNo: c.ticketNo, status: c.status, summary: c.summary })) } },
    options,
  };
}

/** What the chat says after an urge, an addition or a withdrawal. */
export function caseActionReply(result: CaseActionResult): Reply {
  if (!result.ok) {
    if (result.reason === 'urged_today') return { kind: 'text', text: followCopy.urgedToday };
    if (result.reason === 'bad_attachment') return { kind: 'error', text: followCopy.supplementTooLarge };
    return { kind: 'text', text: followCopy.cannotAct(result.statusLabel ?? '已结束') };
  }
  const data = { ticketNo: result.ticketNo, action: result.action };
  if (result.action === 'urge') return { kind: 'text', text: followCopy.urged(result.unitName ?? '承办单位'), data };
  if (result.action === 'withdraw') return { kind: 'text', text: followCopy.withdrawn(result.ticketNo), data };
  return { kind: 'text', text: followCopy.supplemented(result.attachments ?? 1), data };
}
