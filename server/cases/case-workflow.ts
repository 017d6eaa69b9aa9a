import { checkTransition, type CaseAction, type CaseStatus, isCaseStatus } from '../../flows/domain/lifecycle/case-lifecycle.ts';
import { unitDirectory, receivingUnit } from '../../flows/domain/routing/units.ts';
import { DUE_HOURS, type ResponseLevel } from '../../flows/domain/routing/route-case.ts';
import { beijingDate } from '../clock.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import type { CaseProgress, FullCase } from '../db/entities.ts';
import type { CaseChanges, CaseRepository } from '../db/repositories/case.repository.ts';
import type { CallbackRepository } from '../db/repositories/callback.repository.ts';
import type { JobRepository } from '../db/repositories/job.repository.ts';
import type { SqlSession } from '../db/sql.ts';
import type { CaseNotifier } from './case-notifier.ts';

export type Actor =
  | { role: 'admin'; name?: string }
  | { role: 'unit'; unitCode: string }
  | { role: 'citizen'; citizenId: number; channel: string }
  | { role: 'system'; reason?: string };

export interface EventInput {
  type: CaseAction;
  note?: string | null;
  /** dispatch: the receiving unit. */
  unitCode?: string;
  /** extend: the requested new resolution deadline. */
  dueAt?: Date;
  /** Extra facts kept on the event (attachment hashes, callback answers). */
  data?: Record<string, unknown>;
  /** Dispatch as part of filing: the citizen was just told the unit in the chat, so no push. */
  quiet?: boolean;
}

export interface AppliedEvent {
  case: FullCase;
  event: { type: string; actor: string; note: string | null; from: CaseStatus; to: CaseStatus; at: Date };
}

/** First contact is due within the response level, at most a day (Beijing's 24-hour contact rule). */
export const FIRST_CONTACT_MAX_HOURS = 24;
/** Callback reminders a day apart; after the last, the citizen counts as unreachable. */
export const CALLBACK_REMINDER_HOURS = [24, 48] as const;
export const CALLBACK_EXPIRE_HOURS = 72;

/**
 * A case's clock is one timer row at a time (the filing turn is the hot path: one insert, not three),
 * stepping through these checkpoints in time order: first contact due, a reminder to the unit a day
 * before the resolution deadline (halfway for short ones), the resolution deadline.
 */
export const CLOCK_JOB = 'case_clock';
export const CLOCK_STAGES = ['contact_due', 'resolve_reminder', 'resolve_due'] as const;
export type ClockStage = (typeof CLOCK_STAGES)[number];
const REMINDER_BEFORE_HOURS = 24;

/** The clock's checkpoints for a case, in the order they fall due. */
export function clockCheckpoints(c: Pick<FullCase, 'contactDueAt' | 'dueAt' | 'responseLevel'>): Array<{ stage: number; at: Date }> {
  if (!c.dueAt) return [];
  const hours = levelHours(c as FullCase);
  const points = [
    c.contactDueAt ? { stage: 0, at: c.contactDueAt } : undefined,
    { stage: 1, at: addHours(c.dueAt, -Math.min(REMINDER_BEFORE_HOURS, hours / 2)) },
    { stage: 2, at: c.dueAt },
  ].filter((p): p is { stage: number; at: Date } => p !== undefined);
  return points.sort((a, b) => a.at.getTime() - b.at.getTime() || a.stage - b.stage);
}
export const CALLBACK_JOBS = ['callback_reminder', 'callback_expire'] as const;
const CLOCK_JOBS = [CLOCK_JOB] as const;

const HOUR = 3_600_000;
const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR);

export const actorName = (actor: Actor): string => {
  switch (actor.role) {
    case 'admin':
      return actor.name ? `admin:${actor.name}` : 'admin';
    case 'unit':
      return `unit:${actor.unitCode}`;
    case 'citizen':
      return `citizen:${actor.channel}`;
    case 'system':
      return 'system';
  }
};

function levelHours(c: FullCase): number {
  const level = c.responseLevel as ResponseLevel | null;
  return level && level in DUE_HOURS ? DUE_HOURS[level] : DUE_HOURS['7d'];
}

/** Lifecycle columns of a case that has just been filed. */
export function emptyProgress(): CaseProgress {
  return {
    contactDueAt: null,
    dispatchedAt: null,
    acceptedAt: null,
    contactedAt: null,
    resolvedAt: null,
    closedAt: null,
    contactOverdueAt: null,
    resolveOverdueAt: null,
    excludedAt: null,
    excludedReason: null,
    escalatedAt: null,
    extensionDueAt: null,
    extensionReason: null,
    lastUrgedAt: null,
  };
}

export interface WorkflowDeps {
  cases: CaseRepository;
  callbacks: CallbackRepository;
  jobs: JobRepository;
  notifier: CaseNotifier;
}

/**
 * Applies lifecycle events to cases: checks the transition (flows/domain/lifecycle), writes the
 * changes and the event, restarts clocks, schedules timers and queues pushes, all inside the
 * caller's transaction, so a step and everything it causes commit or roll back together.
 */
export function createCaseWorkflow(deps: WorkflowDeps) {
  const { cases, callbacks, jobs, notifier } = deps;
  const units = unitDirectory();

  async function load(sql: SqlSession, target: { ticketNo: string } | { id: number }, actor: Actor): Promise<FullCase> {
    const found = await cases.findForUpdate(sql, target);
    // A unit cannot tell another unit's case from a missing one.
    if (!found || (actor.role === 'unit' && found.unitCode !== actor.unitCode)) {
      throw notFound('ticketNo' in target ? `No case ${target.ticketNo}` : 'No such case');
    }
    return found;
  }

  /** Sets the clock's timer to its first checkpoint after `after` (a fresh case has none to cancel). */
  async function setClock(sql: SqlSession, c: FullCase, after: Date, at: Date, fresh: boolean): Promise<void> {
    if (!fresh) await jobs.cancel(sql, c.id, [CLOCK_JOB], at);
    const next = clockCheckpoints(c).find((p) => p.at > after);
    if (next) await jobs.schedule(sql, { kind: CLOCK_JOB, caseId: c.id, round: next.stage, runAt: next.at, at });
  }

  /** Clocks start at dispatch and again at a reopen: first contact, then resolution. */
  async function startClocks(sql: SqlSession, c: FullCase, at: Date, fresh: boolean): Promise<CaseChanges> {
    const hours = levelHours(c);
    const clock = { contactDueAt: addHours(at, Math.min(hours, FIRST_CONTACT_MAX_HOURS)), dueAt: addHours(at, hours) };
    await setClock(sql, { ...c, ...clock }, at, at, fresh);
    return { ...clock, contactOverdueAt: null, resolveOverdueAt: null };
  }

  async function startCallback(sql: SqlSession, c: FullCase, result: string, at: Date): Promise<void> {
    const previous = await callbacks.latestFor(sql, c.id);
    const round = (previous?.round ?? 0) + 1;
    await callbacks.insert(sql, { caseId: c.id, citizenId: c.citizenId, round, unitCode: c.unitCode, resolvedAt: at, at });
    for (const [i, hours] of CALLBACK_REMINDER_HOURS.entries()) {
      await jobs.schedule(sql, { kind: 'callback_reminder', caseId: c.id, round: round * 10 + i, runAt: addHours(at, hours), at });
    }
    await jobs.schedule(sql, { kind: 'callback_expire', caseId: c.id, round, runAt: addHours(at, CALLBACK_EXPIRE_HOURS), at });
    await notifier.callbackInvitation(sql, c, result, at);
  }

  /** Checks that throw instead of returning, with the right status for the API. */
  function refuse(code: 'forbidden' | 'illegal_transition' | 'note_required', message: string): never {
    if (code === 'forbidden') throw new AppError('forbidden', message, 403, true);
    if (code === 'note_required') throw new AppError('note_required', message, 422, true);
    throw conflict(code, message);
  }

  async function apply(sql: SqlSession, target: { ticketNo: string } | { id: number }, input: EventInput, actor: Actor, at: Date): Promise<AppliedEvent> {
    const c = await load(sql, target, actor);
    if (!isCaseStatus(c.status)) throw new Error(`case ${c.ticketNo} has an unknown status ${c.status}`);
    const from = c.status;
    const check = checkTransition(from, input.type, actor.role, input.note);
    if (!check.ok) refuse(check.code, check.message);
    const note = input.note?.trim() || null;
    const changes: CaseChanges = { status: check.to, updatedAt: at };
    const data: Record<string, unknown> = { ...input.data };
    // Pushes and webhooks the step causes, queued after its own rows so they read the new state.
    const effects: Array<() => Promise<void>> = [];

    switch (input.type) {
      case 'dispatch': {
        const code = input.unitCode ?? c.unitCode;
        const unit = code ? units.get(code) : undefined;
        if (!unit) throw new AppError('unknown_unit', code ? `No unit ${code} in the unit directory` : 'dispatch needs a unitCode', 422, true);
        const r = receivingUnit(unit);
        Object.assign(changes, { unitCode: r.code, unitName: r.name, unitKind: r.kind, dispatchedAt: at, acceptedAt: null, contactedAt: null });
        // Filing dispatches a case created in this very transaction: it has no timers yet.
        Object.assign(changes, await startClocks(sql, c, at, c.dispatchedAt === null && from === 'received'));
        data.unitCode = r.code;
        const dispatched = { ...c, ...changes } as FullCase;
        effects.push(() => notifier.unitEvent(sql, dispatched, 'case.dispatched', note, at));
        if (!input.quiet) effects.push(() => notifier.dispatched(sql, dispatched, at));
        break;
      }
      case 'accept':
        changes.acceptedAt = at;
        break;
      case 'contact':
        changes.contactedAt = at;
        effects.push(() => notifier.contacted(sql, { ...c, ...changes } as FullCase, at));
        break;
      case 'resolve':
        changes.resolvedAt = at;
        await jobs.cancel(sql, c.id, [...CLOCK_JOBS], at);
        break;
      case 'return':
        await jobs.cancel(sql, c.id, [...CLOCK_JOBS], at);
        break;
      case 'extend': {
        if (!input.dueAt || Number.isNaN(input.dueAt.getTime())) throw new AppError('due_required', 'extend needs dueAt, the requested new deadline', 422, true);
        if (c.dueAt && input.dueAt <= c.dueAt) throw new AppError('due_not_later', `dueAt must be later than the current deadline ${c.dueAt.toISOString()}`, 422, true);
        changes.extensionDueAt = input.dueAt;
        changes.extensionReason = note;
        data.requestedDueAt = input.dueAt.toISOString();
        break;
      }
      case 'approve_extension': {
        if (!c.extensionDueAt) throw conflict('no_extension_requested', `Case ${c.ticketNo} has no pending extension request`);
        changes.dueAt = c.extensionDueAt;
        changes.extensionDueAt = null;
        changes.resolveOverdueAt = null;
        data.dueAt = c.extensionDueAt.toISOString();
        await setClock(sql, { ...c, dueAt: c.extensionDueAt }, at, at, false);
        const reason = c.extensionReason ?? '';
        effects.push(() => notifier.extended(sql, { ...c, ...changes } as FullCase, reason, at));
        break;
      }
      case 'close':
      case 'callback_close':
      case 'callback_unreachable':
        changes.closedAt = at;
        await jobs.cancel(sql, c.id, [...CLOCK_JOBS, ...CALLBACK_JOBS], at);
        if (input.type === 'close') {
          const pending = await callbacks.latestFor(sql, c.id);
          if (pending?.status === 'asking') await callbacks.update(sql, pending.id, { status: 'void', asking: null, updatedAt: at });
        }
        break;
      case 'exclude':
        changes.excludedAt = at;
        changes.excludedReason = note;
        break;
      case 'withdraw':
        changes.closedAt = at;
        await jobs.cancel(sql, c.id, [...CLOCK_JOBS, ...CALLBACK_JOBS], at);
        effects.push(() => notifier.unitEvent(sql, { ...c, ...changes } as FullCase, 'case.withdrawn', note, at));
        break;
      case 'urge': {
        if (c.lastUrgedAt && beijingDate(c.lastUrgedAt) === beijingDate(at)) throw conflict('urged_today', `Case ${c.ticketNo} was already urged today`);
        changes.lastUrgedAt = at;
        effects.push(() => notifier.unitEvent(sql, c, 'case.urged', note, at));
        break;
      }
      case 'supplement':
        effects.push(() => notifier.unitEvent(sql, c, 'case.supplemented', note, at));
        break;
      case 'reopen': {
        Object.assign(changes, { acceptedAt: null, contactedAt: null, resolvedAt: null });
        Object.assign(changes, await startClocks(sql, c, at, false));
        effects.push(() => notifier.unitEvent(sql, { ...c, ...changes } as FullCase, 'case.reopened', note, at));
        break;
      }
      case 'start_callback':
        break;
    }

    await cases.update(sql, c.id, changes);
    await cases.insertEvent(sql, { caseId: c.id, type: input.type, actor: actorName(actor), note, data: { ...data, from, to: check.to }, createdAt: at });
    const updated = { ...c, ...changes } as FullCase;
    for (const effect of effects) await effect();

    // The callback follows every resolution at once (its first message waits for quiet hours to end).
    if (input.type === 'resolve') {
      const started = await apply(sql, { id: c.id }, { type: 'start_callback' }, { role: 'system' }, at);
      await startCallback(sql, started.case, note ?? '', at);
      return { case: started.case, event: { type: input.type, actor: actorName(actor), note, from, to: started.case.status as CaseStatus, at } };
    }
    return { case: updated, event: { type: input.type, actor: actorName(actor), note, from, to: check.to, at } };
  }

  return {
    apply,
    /** The deadlines a case gets when dispatched at `at`: first contact and resolution. */
    clocksFrom(responseLevel: string | null, at: Date): { contactDueAt: Date; dueAt: Date } {
      const hours = levelHours({ responseLevel } as FullCase);
      return { contactDueAt: addHours(at, Math.min(hours, FIRST_CONTACT_MAX_HOURS)), dueAt: addHours(at, hours) };
    },
    /** The `dispatch` event of a case dispatched as it is filed (written with its `received` event). */
    firstDispatchEvent: (c: Pick<FullCase, 'id' | 'unitCode'>, at: Date) => ({
      caseId: c.id,
      type: 'dispatch',
      actor: 'system',
      note: null,
      data: { unitCode: c.unitCode, from: 'received', to: 'dispatched' },
      createdAt: at,
    }),
    /**
     * The rest of a dispatch at filing, whose row already says `dispatched` with its deadlines: the
     * clock and the unit's webhook (the filing turn is the hot path: no read-back, no update).
     */
    async startFirstDispatch(sql: SqlSession, c: FullCase, at: Date): Promise<void> {
      await setClock(sql, c, at, at, true);
      await notifier.unitEvent(sql, c, 'case.dispatched', null, at);
    },
  };
}

export type CaseWorkflow = ReturnType<typeof createCaseWorkflow>;
