/**
 * The life of a case (工单), as a transition table: who may do what, from which status, and where it
 * leads. Pure data and checks; the server applies the effects (clocks, pushes, callbacks).
 */

export const CASE_STATUSES = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'resolved',
  'callback',
  'closed',
  'reopened',
  'returned',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How the citizen sees each status (case_status replies, pushes). */
export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  received: '已受理',
  dispatched: '已派单',
  accepted: '已签收',
  in_progress: '办理中',
  resolved: '已办结',
  callback: '回访中',
  closed: '已结案',
  reopened: '重新办理',
  returned: '退回重派',
  withdrawn: '已撤销',
};

export type ActorRole = 'admin' | 'unit' | 'citizen' | 'system';

/** Work-API event types (units and administrators). */
export const UNIT_ACTIONS = ['accept', 'contact', 'progress', 'resolve', 'return', 'extend'] as const;
export const ADMIN_ACTIONS = ['dispatch', 'approve_extension', 'close', 'exclude'] as const;
/** What the citizen does from the chat. */
export const CITIZEN_ACTIONS = ['urge', 'supplement', 'withdraw'] as const;
/** Steps the system takes on its own (callback answers, timers). */
export const SYSTEM_ACTIONS = ['start_callback', 'callback_close', 'reopen', 'callback_unreachable'] as const;

export type WorkAction = (typeof UNIT_ACTIONS)[number] | (typeof ADMIN_ACTIONS)[number];
export type CaseAction = WorkAction | (typeof CITIZEN_ACTIONS)[number] | (typeof SYSTEM_ACTIONS)[number];

/** Statuses in which the case is still being worked: the citizen can urge, add information or withdraw. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'dispatched', 'accepted', 'in_progress', 'returned', 'reopened'];
const OPEN = [...OPEN_STATUSES];
const EVERY_BUT_WITHDRAWN: CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'withdrawn');

interface Rule {
  roles: ActorRole[];
  from: CaseStatus[];
  /** Undefined: the status stays as it is (a note on the case, a flag, a clock change). */
  to?: CaseStatus;
  /** The note is required: a reason, a result. */
  needsNote?: boolean;
  /** Said when the status does not allow the action, so the caller knows what to do first. */
  hint?: string;
}

const RULES: Readonly<Record<CaseAction, Rule>> = {
  dispatch: { roles: ['admin', 'system'], from: ['received', 'returned', 'dispatched', 'reopened'], to: 'dispatched' },
  accept: { roles: ['unit', 'admin'], from: ['dispatched', 'reopened'], to: 'accepted' },
  return: { roles: ['unit'], from: ['dispatched', 'accepted', 'reopened'], to: 'returned', needsNote: true, hint: 'only a case not yet being worked on can be returned' },
  contact: { roles: ['unit'], from: ['accepted'], to: 'in_progress', hint: 'accept the case first; first contact is recorded once per round' },
  progress: { roles: ['unit'], from: ['accepted', 'in_progress'], needsNote: true, hint: 'accept the case first' },
  resolve: { roles: ['unit'], from: ['in_progress'], to: 'resolved', needsNote: true, hint: 'record the first contact with the citizen (contact) before resolving' },
  extend: { roles: ['unit'], from: ['accepted', 'in_progress'], needsNote: true, hint: 'only a case being worked on can be extended' },
  approve_extension: { roles: ['admin'], from: ['accepted', 'in_progress'] },
  close: { roles: ['admin'], from: ['resolved', 'callback'], to: 'closed', hint: 'only a resolved case can be closed' },
  exclude: { roles: ['admin'], from: EVERY_BUT_WITHDRAWN, needsNote: true },
  urge: { roles: ['citizen'], from: OPEN },
  supplement: { roles: ['citizen'], from: OPEN },
  withdraw: { roles: ['citizen'], from: OPEN, to: 'withdrawn' },
  start_callback: { roles: ['system'], from: ['resolved'], to: 'callback' },
  callback_close: { roles: ['system'], from: ['callback'], to: 'closed' },
  reopen: { roles: ['system'], from: ['callback'], to: 'reopened' },
  callback_unreachable: { roles: ['system'], from: ['callback'], to: 'closed' },
};

export type TransitionCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; code: 'forbidden' | 'illegal_transition' | 'note_required'; message: string };

/** Whether `role` may take `action` on a case in `status`, and the status it leads to. */
export function checkTransition(status: CaseStatus, action: CaseAction, role: ActorRole, note?: string | null): TransitionCheck {
  const rule = RULES[action];
  if (!rule.roles.includes(role)) return { ok: false, code: 'forbidden', message: `${action} is not open to ${role === 'unit' ? 'units' : `the ${role}`}` };
  if (!rule.from.includes(status)) {
    const allowed = rule.from.join(', ');
    return { ok: false, code: 'illegal_transition', message: `Cannot ${action} a case that is ${status} (allowed from: ${allowed})${rule.hint ? `; ${rule.hint}` : ''}` };
  }
  if (rule.needsNote && !note?.trim()) return { ok: false, code: 'note_required', message: `${action} needs a note (${action === 'resolve' ? 'the result' : 'the reason'})` };
  return { ok: true, to: rule.to ?? status };
}

export const isOpen = (status: CaseStatus): boolean => OPEN.includes(status) || status === 'resolved' || status === 'callback';

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}
