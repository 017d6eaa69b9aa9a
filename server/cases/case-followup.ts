import { missingSlots, type CallbackAnswers, type CallbackSlot, type Satisfaction } from '../../flows/callback/read-answer.ts';
import { isOpen, isCaseStatus, OPEN_STATUSES, STATUS_LABELS } from '../../flows/domain/lifecycle/case-lifecycle.ts';
import type { CaseActionResult, CaseSummary } from '../../flows/followup/followup.logic.ts';
import type { CallbackInput, CallbackOutcome, CaseActionInput, PendingCallback } from '../../flows/router/router.machine.ts';
import { AppError } from '../errors.ts';
import type { CaseEvent, FullCase } from '../db/entities.ts';
import type { CaseRepository } from '../db/repositories/case.repository.ts';
import type { CallbackRepository } from '../db/repositories/callback.repository.ts';
import type { CitizenRepository } from '../db/repositories/citizen.repository.ts';
import type { AttachmentRepository } from '../db/repositories/attachment.repository.ts';
import type { JobRepository } from '../db/repositories/job.repository.ts';
import type { SqlSession } from '../db/sql.ts';
import { checkAttachment } from '../attachments/attachment-check.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import { CALLBACK_JOBS, type CaseWorkflow } from './case-workflow.ts';

/** Who is talking, as the runner knows it. */
export interface TurnCitizen {
  citizenId: number;
  channel: string;
  /** The channel's id of the message being handled (provenance of callback answers). */
  messageId: string | null;
}

const SLOTS = new Set<string>(['contacted', 'resolved', 'satisfaction']);
const SUMMARY_CHARS = 12;

/** Case events as the citizen sees them; internal steps (returns, overdue flags, exclusions) are left out. */
function stepOf(e: CaseEvent, unitName: string | null): string | undefined {
  const unit = unitName ?? '承办单位';
  switch (e.type) {
    case 'received':
      return '已受理';
    case 'dispatch':
      return `已派给${unit}`;
    case 'accept':
      return `${unit}已签收`;
    case 'contact':
      return `${unit}已联系您`;
    case 'progress':
      return '办理进展';
    case 'resolve':
      return '已办结';
    case 'approve_extension':
      return '办理时限已延长';
    case 'callback_answered':
      return '您完成了回访';
    case 'reopen':
      return '问题未解决，重新办理';
    case 'close':
    case 'callback_close':
      return '已结案';
    case 'callback_unreachable':
      return '回访未联系上，已结案';
    case 'withdraw':
      return '已撤销';
    case 'urge':
      return '您催办了一次';
    case 'supplement':
      return '您补充了材料';
    default:
      return undefined;
  }
}

/** Notes the citizen may read: what the unit reported, not internal reasons. */
const PUBLIC_NOTES = new Set(['progress', 'resolve', 'approve_extension']);

/**
 * The server side of following a case in chat and of the satisfaction callback: the actors the
 * conversation runner provides to the flow, all inside the turn's transaction.
 */
export function createCaseFollowUp(deps: {
  cases: CaseRepository;
  callbacks: CallbackRepository;
  citizens: CitizenRepository;
  attachments: AttachmentRepository;
  jobs: JobRepository;
  store: AttachmentStore;
  workflow: CaseWorkflow;
}) {
  const { cases, callbacks, citizens, attachments, jobs, store, workflow } = deps;

  async function summary(sql: SqlSession, c: FullCase): Promise<CaseSummary> {
    const events = await cases.events(sql, c.id);
    const timeline = events.flatMap((e) => {
      const step = stepOf(e, c.unitName);
      return step ? [{ at: e.createdAt.toISOString(), step, unit: c.unitName, note: PUBLIC_NOTES.has(e.type) ? e.note : null }] : [];
    });
    const status = isCaseStatus(c.status) ? c.status : 'received';
    const dueAt = c.dueAt;
    return {
      ticketNo: c.ticketNo,
      status: c.status,
      statusLabel: STATUS_LABELS[status],
      unitName: c.unitName,
      summary: [...c.description].slice(0, SUMMARY_CHARS).join('') + ([...c.description].length > SUMMARY_CHARS ? '…' : ''),
      dueAt: dueAt ? dueAt.toISOString() : null,
      overdue: Boolean(c.contactOverdueAt || c.resolveOverdueAt),
      open: (OPEN_STATUSES as readonly string[]).includes(c.status),
      timeline,
    };
  }

  const ownCase = async (sql: SqlSession, citizenId: number, ticketNo: string) => {
    const c = await cases.findForUpdate(sql, { ticketNo });
    return c && c.citizenId === citizenId ? c : null;
  };

  return {
    /** The callback this citizen is being asked, if any: one indexed read per turn. */
    async pendingCallback(sql: SqlSession, citizenId: number): Promise<PendingCallback | undefined> {
      const cb = await callbacks.pendingFor(sql, citizenId);
      if (!cb) return undefined;
      const row = await sql.get<{ ticket_no: string }>('SELECT ticket_no FROM cases WHERE id = ?', [cb.caseId]);
      if (!row) return undefined;
      const answers: CallbackAnswers = {};
      if (cb.contacted !== null) answers.contacted = cb.contacted;
      if (cb.resolved !== null) answers.resolved = cb.resolved;
      if (cb.satisfaction !== null) answers.satisfaction = cb.satisfaction as Satisfaction;
      const asking = (cb.asking && SLOTS.has(cb.asking) ? cb.asking : 'contacted') as CallbackSlot;
      return { ticketNo: String(row.ticket_no), asking, answers };
    },

    /** The citizen's own cases: one by ticket number, else the open ones (or the latest few). */
    async lookup(sql: SqlSession, citizenId: number, ticketNo?: string): Promise<CaseSummary[]> {
      if (ticketNo) {
        const c = await cases.findByTicketNo(sql, ticketNo);
        return c && c.citizenId === citizenId ? [await summary(sql, c)] : [];
      }
      const all = await cases.listByCitizen(sql, citizenId);
      const open = all.filter((c) => isCaseStatus(c.status) && isOpen(c.status));
      const shown = open.length > 0 ? open : all.slice(0, 3);
      return Promise.all(shown.slice(0, 5).map((c) => summary(sql, c)));
    },

    async act(sql: SqlSession, who: TurnCitizen, input: CaseActionInput, file: { bytes: Buffer; mime?: string } | undefined, at: Date): Promise<CaseActionResult> {
      const c = await ownCase(sql, who.citizenId, input.ticketNo);
      const base = { action: input.action, ticketNo: input.ticketNo };
      if (!c) return { ok: false, ...base, reason: 'not_open' };
      const label = isCaseStatus(c.status) ? STATUS_LABELS[c.status] : c.status;
      const data: Record<string, unknown> = {};
      let added = 0;
      if (input.action === 'supplement' && input.withAttachment && file) {
        const checked = checkAttachment(file.bytes, file.mime);
        if (!checked.ok) return { ok: false, ...base, reason: 'bad_attachment' };
        const saved = await store.save(file.bytes, checked.mime);
        await attachments.add(sql, { caseId: c.id, sha256: saved.sha256, mime: checked.mime, size: saved.size, source: who.channel, createdAt: at });
        data.attachment = { sha256: saved.sha256, mime: checked.mime, size: saved.size };
        added = 1;
      }
      try {
        await workflow.apply(sql, { id: c.id }, { type: input.action, note: input.note ?? null, data }, { role: 'citizen', citizenId: who.citizenId, channel: who.channel }, at);
      } catch (error) {
        if (error instanceof AppError && error.code === 'urged_today') return { ok: false, ...base, reason: 'urged_today' };
        if (error instanceof AppError && error.code === 'illegal_transition') return { ok: false, ...base, reason: 'not_open', statusLabel: label };
        throw error;
      }
      return { ok: true, ...base, unitName: c.unitName, attachments: added || undefined };
    },

    async setNotifications(sql: SqlSession, citizenId: number, on: boolean, at: Date): Promise<boolean> {
      await citizens.setNotifications(sql, citizenId, on, at);
      return on;
    },

    /**
     * Stores callback answers with their provenance. Complete answers close the case (solved) or
     * reopen it to the same unit (not solved); a second "not solved" also goes to an operator.
     */
    async recordCallback(sql: SqlSession, who: TurnCitizen, input: CallbackInput, at: Date): Promise<CallbackOutcome> {
      const cb = await callbacks.pendingFor(sql, who.citizenId);
      const c = cb ? await cases.findForUpdate(sql, { id: cb.caseId }) : null;
      // Only the citizen who filed, only while the callback is open: a closed case's answers never change.
      if (!cb || !c || c.ticketNo !== input.ticketNo || c.citizenId !== who.citizenId || c.status !== 'callback') {
        throw new AppError('callback_not_open', `No open callback for ${input.ticketNo}`, 409, false);
      }
      const answers: CallbackAnswers = { ...input.answers };
      const comment = [cb.comment, input.comment].filter(Boolean).join('\n') || null;
      const ids = [...(cb.messageIds ? (JSON.parse(cb.messageIds) as string[]) : []), ...(who.messageId ? [who.messageId] : [])];
      const missing = missingSlots(answers);
      const common = {
        contacted: answers.contacted ?? null,
        resolved: answers.resolved ?? null,
        satisfaction: answers.satisfaction ?? null,
        comment,
        channel: who.channel,
        messageIds: JSON.stringify(ids),
        updatedAt: at,
      };
      const [next] = missing;
      if (next) {
        await callbacks.update(sql, cb.id, { ...common, asking: next });
        return { ticketNo: c.ticketNo, next, unitName: c.unitName };
      }
      await callbacks.update(sql, cb.id, { ...common, asking: null, status: 'answered', answeredAt: at });
      await jobs.cancel(sql, c.id, [...CALLBACK_JOBS], at);
      await cases.insertEvent(sql, {
        caseId: c.id,
        type: 'callback_answered',
        actor: `citizen:${who.channel}`,
        note: comment,
        data: { round: cb.round, contacted: common.contacted, resolved: common.resolved, satisfaction: common.satisfaction, messageIds: ids },
        createdAt: at,
      });
      if (answers.resolved) {
        await workflow.apply(sql, { id: c.id }, { type: 'callback_close', data: { round: cb.round } }, { role: 'system', reason: 'callback' }, at);
        return { ticketNo: c.ticketNo, outcome: 'closed', unitName: c.unitName };
      }
      const words = input.comment ?? comment ?? '市民反映问题未解决';
      await workflow.apply(sql, { id: c.id }, { type: 'reopen', note: words, data: { round: cb.round } }, { role: 'system', reason: 'callback' }, at);
      const notSolved = (await callbacks.forCase(sql, c.id)).filter((r) => r.status === 'answered' && r.resolved === false).length;
      let escalated = false;
      if (notSolved >= 2) {
        escalated = true;
        await cases.update(sql, c.id, { escalatedAt: at, updatedAt: at });
        await cases.insertEvent(sql, { caseId: c.id, type: 'escalated', actor: 'system', note: `第${notSolved}次回访仍未解决`, data: { round: cb.round }, createdAt: at });
      }
      return { ticketNo: c.ticketNo, outcome: 'reopened', escalated, unitName: c.unitName };
    },
  };
}

export type CaseFollowUp = ReturnType<typeof createCaseFollowUp>;
