import type { CallbackSlot } from '../../flows/callback/read-answer.ts';
import type { CaseRepository } from '../db/repositories/case.repository.ts';
import type { CallbackRepository } from '../db/repositories/callback.repository.ts';
import type { JobHandler } from '../scheduler/scheduler.ts';
import type { CaseNotifier } from './case-notifier.ts';
import type { CaseWorkflow } from './case-workflow.ts';

const AWAITING_CONTACT = new Set(['dispatched', 'accepted', 'reopened']);
const BEING_WORKED = new Set(['dispatched', 'accepted', 'in_progress', 'reopened']);
const SLOTS = new Set<string>(['contacted', 'resolved', 'satisfaction']);

/**
 * What each timer does when it fires. Every handler re-reads the case and does nothing when the step
 * it guards already happened (a timer is never trusted to be current).
 */
export function caseTimerHandlers(deps: { cases: CaseRepository; callbacks: CallbackRepository; notifier: CaseNotifier; workflow: CaseWorkflow }): Record<string, JobHandler> {
  const { cases, callbacks, notifier, workflow } = deps;

  const overdue = (kind: 'contact' | 'resolve'): JobHandler => async (sql, job, now) => {
    const c = await cases.findForUpdate(sql, { id: job.caseId });
    if (!c) return;
    const late = kind === 'contact' ? AWAITING_CONTACT.has(c.status) && !c.contactedAt && !c.contactOverdueAt : BEING_WORKED.has(c.status) && !c.resolveOverdueAt;
    if (!late) return;
    await cases.update(sql, c.id, kind === 'contact' ? { contactOverdueAt: now, updatedAt: now } : { resolveOverdueAt: now, updatedAt: now });
    const deadline = kind === 'contact' ? c.contactDueAt : c.dueAt;
    await cases.insertEvent(sql, { caseId: c.id, type: `overdue_${kind}`, actor: 'system', note: null, data: { deadline: deadline?.toISOString() ?? null }, createdAt: now });
    await notifier.unitEvent(sql, c, 'case.overdue', kind === 'contact' ? 'first contact overdue' : 'resolution overdue', now);
  };

  return {
    contact_due: overdue('contact'),
    resolve_due: overdue('resolve'),

    /** A reminder to the unit a day before the resolution deadline. */
    resolve_reminder: async (sql, job, now) => {
      const c = await cases.findForUpdate(sql, { id: job.caseId });
      if (!c || !BEING_WORKED.has(c.status)) return;
      await cases.insertEvent(sql, { caseId: c.id, type: 'unit_reminded', actor: 'system', note: null, data: { dueAt: c.dueAt?.toISOString() ?? null }, createdAt: now });
      await notifier.unitEvent(sql, c, 'case.due_soon', null, now);
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
