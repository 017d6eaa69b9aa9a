import type { Reply } from '../../flows/domain/reply.ts';
import { beijingTime, followCopy } from '../../flows/followup/followup.copy.ts';
import { callbackQuestion } from '../../flows/followup/callback-replies.ts';
import type { FullCase } from '../db/entities.ts';
import type { OutboxRepository } from '../db/repositories/outbox.repository.ts';
import type { UnitAccessRepository } from '../db/repositories/unit-access.repository.ts';
import type { SqlSession } from '../db/sql.ts';
import { releaseTime, type QuietHours } from '../outbox/quiet-hours.ts';
import { toUnitCaseView } from './case-views.ts';

/** What a citizen push carries: the conversation to deliver into and the replies. */
export interface CitizenPushPayload {
  conversationId: number;
  ticketNo: string;
  replies: Reply[];
}

/** What a unit's webhook receives. */
export interface WebhookPayload {
  event: string;
  ticketNo: string;
  note: string | null;
  at: string;
  case: ReturnType<typeof toUnitCaseView>;
}

/**
 * Queues what a case step tells people: progress pushes to the citizen on the channel they used, and
 * events to the unit's webhook when it registered one. Only queued here (outbox rows in the step's
 * transaction); the dispatcher delivers them.
 */
export function createCaseNotifier(deps: { outbox: OutboxRepository; unitAccess: UnitAccessRepository; quietHours: QuietHours }) {
  const { outbox, unitAccess, quietHours } = deps;

  // A 2-hour case is urgent: its news is not held until morning.
  const urgent = (c: FullCase) => c.responseLevel === '2h';
  const unitName = (c: FullCase) => c.unitName ?? '承办单位';

  async function push(sql: SqlSession, c: FullCase, event: string, replies: Reply[], at: Date, options: { essential?: boolean } = {}) {
    const payload: CitizenPushPayload = { conversationId: c.conversationId, ticketNo: c.ticketNo, replies };
    await outbox.add(sql, {
      topic: 'citizen',
      event,
      caseId: c.id,
      citizenId: c.citizenId,
      unitCode: null,
      payload,
      urgent: urgent(c),
      essential: options.essential ?? false,
      availableAt: urgent(c) ? at : releaseTime(at, quietHours),
      at,
    });
  }

  const notice = (c: FullCase, step: string, text: string, extra: Record<string, unknown> = {}): Reply => ({
    kind: 'notice',
    text,
    data: { ticketNo: c.ticketNo, step, unit: c.unitName, ...extra },
  });

  return {
    dispatched: (sql: SqlSession, c: FullCase, at: Date) =>
      push(sql, c, 'dispatched', [notice(c, 'dispatched', followCopy.dispatched(c.ticketNo, unitName(c), c.dueAt ? beijingTime(c.dueAt) : '—'), { dueAt: c.dueAt?.toISOString() })], at),

    contacted: (sql: SqlSession, c: FullCase, at: Date) => push(sql, c, 'contacted', [notice(c, 'contacted', followCopy.contacted(c.ticketNo, unitName(c)))], at),

    extended: (sql: SqlSession, c: FullCase, reason: string, at: Date) =>
      push(sql, c, 'extended', [notice(c, 'extended', followCopy.extended(c.ticketNo, c.dueAt ? beijingTime(c.dueAt) : '—', reason), { dueAt: c.dueAt?.toISOString() })], at),

    /** The result, then the first callback question. Essential: it decides whether the case closes. */
    callbackInvitation: (sql: SqlSession, c: FullCase, result: string, at: Date) =>
      push(
        sql,
        c,
        'callback',
        [
          { kind: 'callback', text: `${followCopy.resolved(c.ticketNo, unitName(c), result)}\n${followCopy.callbackIntro}`, data: { ticketNo: c.ticketNo, step: 'resolved', result } },
          callbackQuestion(c.ticketNo, 'contacted'),
        ],
        at,
        { essential: true },
      ),

    callbackReminder: (sql: SqlSession, c: FullCase, slot: Parameters<typeof callbackQuestion>[1], at: Date) =>
      push(sql, c, 'callback_reminder', [{ ...callbackQuestion(c.ticketNo, slot), text: `${followCopy.callbackReminder(c.ticketNo)}${followCopy.callbackQuestions[slot]}` }], at),

    /** A unit's system hears of its cases' events, when it registered a webhook. */
    async unitEvent(sql: SqlSession, c: FullCase, event: string, note: string | null, at: Date) {
      if (!c.unitCode || !(await unitAccess.webhook(sql, c.unitCode))) return;
      const payload: WebhookPayload = { event, ticketNo: c.ticketNo, note, at: at.toISOString(), case: toUnitCaseView(c) };
      await outbox.add(sql, { topic: 'webhook', event, caseId: c.id, citizenId: null, unitCode: c.unitCode, payload, urgent: true, essential: true, availableAt: at, at });
    },
  };
}

export type CaseNotifier = ReturnType<typeof createCaseNotifier>;
