import type { CallbackSlot } from '../../flows/callback/read-answer.ts';
import type { CaseRepository } from '../db/repositories/case.repository.ts';
import type { CallbackRepository } from '../db/repositories/callback.repository.ts';
import type { JobHandler } from '../scheduler/scheduler.ts';
import type { CaseNotifier } from './case-notifier.ts';
import { CLOCK_JOB, CLOCK_STAGES, clockCheckpoints, type CaseWorkflow } from './case-workflow.ts';
import type { JobRepository } from '../db/repositories/job.repository.ts';
import type { FullCase } from '../db/entities.ts';

const AWAITING_CONTACT = new Set(['dispatched', 'accepted', 'reopened']);
const BEING_WORKED = new Set(['dispatched', 'accepted', 'in_progress', 'reopened']);
const SLOTS = new Set<string>(['contacted', 'resolved', 'satisfaction']);

/**
 * What each timer does when it fires. Every handler re-reads the case and does nothing when the step
 * it guards already happened (a timer is never trusted to be current).
 */
export function caseTimerHandlers(deps: {
  cases: CaseRepository;
  callbacks: CallbackRepository;
  jobs: JobRepository;
  notifier: CaseNotifier;
  workflow: CaseWorkflow;
}): Record<string, JobHandler> {
  const { cases, callbacks, jobs, notifier, workflow } = deps;

  /** Flags a missed deadline on the case and tells the unit; false when the step happened in time. */
  async function flagOverdue(sql: Parameters<JobHandler>[0], c: FullCase, kind: 'contact' | 'resolve', now: Date): Promise<void> {
    const late = kind === 'contact' ? AWAITING_CONTACT.has(c.status) && !c.contactedAt && !c.contactOverdueAt : BEING_WORKED.has(c.status) && !c.resolveOverdueAt;
    if (!late) return;
    await cases.update(sql, c.id, kind === 'contact' ? { contactOverdueAt: now, updatedAt: now } : { resolveOverdueAt: now, updatedAt: now });
    const deadline = kind === 'contact' ? c.contactDueAt : c.dueAt;
    await cases.insertEvent(sql, { caseId: c.id, type: `overdue_${kind}`, actor: 'system', note: null, data: { deadline: deadline?.toISOString() ?? null }, createdAt: now });
    await notifier.unitEvent(sql, c, 'case.overdue', kind === 'contact' ? 'first contact overdue' : 'resolution overdue', now);
  }

  return {
    /** One checkpoint of the case's clock, then the timer moves on to the next one. */
    [CLOCK_JOB]: async (sql, job, now) => {
      const c = await cases.findForUpdate(sql, { id: job.caseId });
      if (!c) return;
      const stage = CLOCK_STAGES[job.round];
      if (stage === 'contact_due') await flagOverdue(sql, c, 'contact', now);
      if (stage === 'resolve_due') await flagOverdue(sql, c, 'resolve', now);
      if (stage === 'resolve_reminder' && BEING_WORKED.has(c.status)) {
        await cases.insertEvent(sql, { caseId: c.id, type: 'unit_reminded', actor: 'system', note: null, data: { dueAt: c.dueAt?.toISOString() ?? null }, createdAt: now });
        await notifier.unitEvent(sql, c, 'case.due_soon', null, now);
      }
      if (!BEING_WORKED.has(c.status)) return;
      const points = clockCheckpoints(c);
      const here = points.findIndex((p) => p.stage === job.round);
      const next = points[here + 1];
      if (next) await jobs.schedule(sql, { kind: CLOCK_JOB, caseId: c.id, round: next.stage, runAt: next.at, at: now });
    },

    callback_reminder: async (sql, job, now) => {
      const c = await cases.findForUpdate(sql, { id: job.caseId });
      const callback = c ? await callbacks.latestFor(sql, c.id) : null;
      if (!c || !callback || callback.status !== 'asking' || c.status !== 'callback') return;
      await callbacks.update(sql, callback.id, { reminders: callback.reminders + 1, updatedAt: now });
      const slot = (callback.asking && SLOTS.has(callback.asking) ? callback.asking : 'contacted') as CallbackSlot;
      await cases.insertEvent(sql, { caseId: c.id, type: 'callback_reminded', actor: 'system', note: null, data: { round: callback.round, reminder: callback.reminders + 1 }, createdAt: now });
      await notifier.callbackReminder(sql, c, slot, now);
    },

    /** No answer after the reminders: the citizen counts as unreachable and the case closes without ratings. */
    callback_expire: async (sql, job, now) => {
      const c = await cases.findForUpdate(sql, { id: job.caseId });
      const callback = c ? await callbacks.latestFor(sql, c.id) : null;
      if (!c || !callback || callback.status !== 'asking' || callback.round !== job.round || c.status !== 'callback') return;
      await callbacks.update(sql, callback.id, { status: 'unreachable', asking: null, updatedAt: now });
      await workflow.apply(sql, { id: c.id }, { type: 'callback_unreachable', note: '回访无应答（两次提醒后）', data: { round: callback.round } }, { role: 'system' }, now);
    },
  };
}
