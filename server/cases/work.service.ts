import { createHash, randomBytes } from 'node:crypto';
import { unitDirectory } from '../../flows/domain/routing/units.ts';
import type { CaseStatus } from '../../flows/domain/lifecycle/case-lifecycle.ts';
import { notFound } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Transactor } from '../db/transactor.ts';
import type { FullCase } from '../db/entities.ts';
import type { CaseRepository } from '../db/repositories/case.repository.ts';
import type { CallbackRepository } from '../db/repositories/callback.repository.ts';
import type { UnitAccessRepository } from '../db/repositories/unit-access.repository.ts';
import type { AuditRepository } from '../db/repositories/audit.repository.ts';
import type { AttachmentRepository } from '../db/repositories/attachment.repository.ts';
import type { OutboxRepository } from '../db/repositories/outbox.repository.ts';
import type { CitizenRepository } from '../db/repositories/citizen.repository.ts';
import { attachmentRejectionError, checkAttachment } from '../attachments/attachment-check.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import { generateWebhookSecret } from '../webhooks/signing.ts';
import type { Actor, CaseWorkflow, EventInput } from './case-workflow.ts';
import { maskConfidential, toCaseView, type CaseView } from './case-views.ts';
import { monthlyRates } from './scoring.queries.ts';

/** Who calls the work API: an administrator, or a unit authenticated by its own key. */
export type Caller = { role: 'admin' } | { role: 'unit'; unitCode: string };

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const KEY_PREFIX = 'jsu_';

/** Case work for units and administrators (the work API), each call one transaction. */
export function createWorkService(deps: {
  transactor: Transactor;
  clock: Clock;
  cases: CaseRepository;
  callbacks: CallbackRepository;
  unitAccess: UnitAccessRepository;
  audit: AuditRepository;
  attachments: AttachmentRepository;
  store: AttachmentStore;
  workflow: CaseWorkflow;
  outbox: OutboxRepository;
  citizens: CitizenRepository;
}) {
  const { transactor, clock, cases, callbacks, unitAccess, audit, attachments, store, workflow, outbox, citizens } = deps;
  const units = unitDirectory();

  const requireUnit = (code: string) => {
    const unit = units.get(code);
    if (!unit) throw notFound(`No unit ${code} in the unit directory`);
    return unit;
  };

  async function viewFor(caller: Caller, record: FullCase, reveal = false): Promise<CaseView> {
    const sql = transactor.reader;
    const full = toCaseView(record, await cases.events(sql, record.id), await callbacks.latestFor(sql, record.id));
    return caller.role === 'admin' && reveal ? full : maskConfidential(full);
  }

  async function visibleCase(caller: Caller, ticketNo: string): Promise<FullCase> {
    const record = await cases.findByTicketNo(transactor.reader, ticketNo);
    // Another unit's case looks exactly like a missing one.
    if (!record || (caller.role === 'unit' && record.unitCode !== caller.unitCode)) throw notFound(`No case ${ticketNo}`);
    return record;
  }

  return {
    /** The unit a key belongs to, or null (unknown or revoked). */
    async authenticate(key: string): Promise<string | null> {
      if (!key.startsWith(KEY_PREFIX)) return null;
      return unitAccess.unitForKeyHash(transactor.reader, hashKey(key));
    },

    async mintKey(unitCode: string, createdBy: string): Promise<{ id: number; key: string; keyPrefix: string; unitCode: string }> {
      requireUnit(unitCode);
      const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
      const keyPrefix = key.slice(0, 10);
      const at = clock.now();
      const id = await transactor.run(async ({ sql }) => {
        const keyId = await unitAccess.addKey(sql, { unitCode, keyHash: hashKey(key), keyPrefix, createdBy, createdAt: at });
        await audit.record(sql, { actor: createdBy, action: 'unit_key_created', target: unitCode, detail: { keyId, keyPrefix }, at });
        return keyId;
      });
      return { id, key, keyPrefix, unitCode };
    },

    async revokeKey(unitCode: string, keyId: number, by: string): Promise<void> {
      requireUnit(unitCode);
      const at = clock.now();
      const revoked = await transactor.run(async ({ sql }) => {
        const done = await unitAccess.revokeKey(sql, unitCode, keyId, at);
        if (done) await audit.record(sql, { actor: by, action: 'unit_key_revoked', target: unitCode, detail: { keyId }, at });
        return done;
      });
      if (!revoked) throw notFound(`No live key ${keyId} for unit ${unitCode}`);
    },

    listKeys: (unitCode: string) => {
      requireUnit(unitCode);
      return unitAccess.keys(transactor.reader, unitCode);
    },

    /** Registers (or replaces) the unit's webhook; the signing secret is returned once. */
    async setWebhook(unitCode: string, url: string, by: string): Promise<{ url: string; secret: string }> {
      requireUnit(unitCode);
      const secret = generateWebhookSecret();
      const at = clock.now();
      await transactor.run(async ({ sql }) => {
        await unitAccess.setWebhook(sql, unitCode, url, secret, at);
        await audit.record(sql, { actor: by, action: 'webhook_set', target: unitCode, detail: { url }, at });
      });
      return { url, secret };
    },

    async removeWebhook(unitCode: string, by: string): Promise<void> {
      requireUnit(unitCode);
      const at = clock.now();
      const removed = await transactor.run(async ({ sql }) => {
        const done = await unitAccess.removeWebhook(sql, unitCode);
        if (done) await audit.record(sql, { actor: by, action: 'webhook_removed', target: unitCode, at });
        return done;
      });
      if (!removed) throw notFound(`Unit ${unitCode} has no webhook`);
    },

    async unitCases(unitCode: string, status: CaseStatus | undefined, limit: number, before?: number): Promise<CaseView[]> {
      requireUnit(unitCode);
      const records = await cases.listByUnit(transactor.reader, unitCode, status, limit, before);
      return Promise.all(records.map((r) => viewFor({ role: 'unit', unitCode }, r)));
    },

    async getCase(caller: Caller, ticketNo: string): Promise<CaseView> {
      return viewFor(caller, await visibleCase(caller, ticketNo));
    },

    /** A unit's or an administrator's step on a case; an illegal one is refused and changes nothing. */
    async applyEvent(caller: Caller, ticketNo: string, input: EventInput, adminName?: string): Promise<CaseView> {
      const actor: Actor = caller.role === 'admin' ? { role: 'admin', name: adminName } : { role: 'unit', unitCode: caller.unitCode };
      const at = clock.now();
      const applied = await transactor.run(({ sql }) => workflow.apply(sql, { ticketNo }, input, actor, at));
      return viewFor(caller, applied.case);
    },

    /** An administrator sees a confidential citizen's name and phone; the look is written to the audit log. */
    async reveal(ticketNo: string, by: string, reason: string): Promise<CaseView> {
      const record = await visibleCase({ role: 'admin' }, ticketNo);
      const at = clock.now();
      await transactor.run(({ sql }) => audit.record(sql, { actor: by, action: 'reveal_citizen', target: ticketNo, detail: { reason, confidential: record.confidential }, at }));
      return viewFor({ role: 'admin' }, record, true);
    },

    auditLog: (limit: number) => audit.list(transactor.reader, limit),

    /**
     * What happened on a unit's cases since `after` (urges, additions, reopens, overdue flags,
     * reminders, withdrawals…): the same news a webhook brings, for units that poll. Notes of
     * confidential cases are shown as written; the citizen's identity is never in an event.
     */
    async unitFeed(unitCode: string, after: number, limit: number) {
      requireUnit(unitCode);
      const events = await cases.unitFeed(transactor.reader, unitCode, after, limit);
      const last = events.at(-1);
      return {
        events: events.map((e) => ({ id: e.id, ticketNo: e.ticketNo, type: e.type, actor: e.actor, note: e.note, at: e.createdAt.toISOString() })),
        cursor: last ? last.id : after,
      };
    },

    /** A file the citizen adds through a front end (mini-program upload): checked, stored by content hash, recorded. */
    async addAttachment(channel: string, userId: string, ticketNo: string, bytes: Buffer, declaredMime: string | undefined, note: string | null) {
      const checked = checkAttachment(bytes, declaredMime);
      if (!checked.ok) throw attachmentRejectionError(checked);
      const citizen = await citizens.find(transactor.reader, channel, userId);
      const record = citizen ? await cases.findByTicketNo(transactor.reader, ticketNo) : null;
      if (!citizen || !record || record.citizenId !== citizen.id) throw notFound(`No case ${ticketNo} for this citizen`);
      const citizenId = citizen.id;
      const saved = await store.save(bytes, checked.mime);
      const at = clock.now();
      return transactor.run(async ({ sql }) => {
        const added = await attachments.add(sql, { caseId: record.id, sha256: saved.sha256, mime: checked.mime, size: saved.size, source: channel, createdAt: at });
        if (added) {
          const data = { attachment: { sha256: saved.sha256, mime: checked.mime, size: saved.size } };
          await workflow.apply(sql, { id: record.id }, { type: 'supplement', note, data }, { role: 'citizen', citizenId, channel }, at);
        }
        return { sha256: saved.sha256, mime: checked.mime, size: saved.size, duplicate: !added };
      });
    },

    attachmentsOf: async (caller: Caller, ticketNo: string) => attachments.forCase(transactor.reader, (await visibleCase(caller, ticketNo)).id),
    readAttachment: (sha256: string) => store.read(sha256),

    /** Monthly 响应率 / 解决率 / 满意率 per unit (see scoring.queries.ts). */
    rates: (month: string) => monthlyRates(transactor.reader, month),

    /** Pushes and webhooks by status (operators look at `dead` ones), with the counts per status. */
    async outboxList(status: string | undefined, limit: number) {
      const items = await outbox.list(transactor.reader, { status, limit });
      return {
        counts: await outbox.counts(transactor.reader),
        items: items.map((i) => ({
          id: i.id,
          topic: i.topic,
          event: i.event,
          caseId: i.caseId,
          unitCode: i.unitCode,
          status: i.status,
          attempts: i.attempts,
          availableAt: i.availableAt.toISOString(),
          lastError: i.lastError,
          createdAt: i.createdAt.toISOString(),
          sentAt: i.sentAt?.toISOString() ?? null,
        })),
      };
    },

    async requeuePush(id: number, by: string): Promise<void> {
      const at = clock.now();
      const done = await transactor.run(async ({ sql }) => {
        const ok = await outbox.requeue(sql, id, at);
        if (ok) await audit.record(sql, { actor: by, action: 'push_requeued', target: String(id), at });
        return ok;
      });
      if (!done) throw notFound(`No dead or skipped push ${id}`);
    },

    outboxOf: async (ticketNo: string) => outbox.list(transactor.reader, { caseId: (await visibleCase({ role: 'admin' }, ticketNo)).id }),
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
