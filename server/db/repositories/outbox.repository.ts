import type { OutboxRecord } from '../lifecycle-entities.ts';
import { readDate, type SqlSession } from '../sql.ts';

const COLUMNS = 'id, topic, event, case_id, citizen_id, unit_code, payload, urgent, essential, status, attempts, available_at, last_error, created_at, sent_at';

const toRecord = (row: Record<string, unknown>): OutboxRecord => ({
  id: Number(row.id),
  topic: String(row.topic),
  event: String(row.event),
  caseId: row.case_id === null ? null : Number(row.case_id),
  citizenId: row.citizen_id === null ? null : Number(row.citizen_id),
  unitCode: row.unit_code === null ? null : String(row.unit_code),
  payload: String(row.payload),
  urgent: row.urgent === true || row.urgent === 1,
  essential: row.essential === true || row.essential === 1,
  status: String(row.status),
  attempts: Number(row.attempts),
  availableAt: readDate(row.available_at),
  lastError: row.last_error === null ? null : String(row.last_error),
  createdAt: readDate(row.created_at),
  sentAt: row.sent_at === null || row.sent_at === undefined ? null : readDate(row.sent_at),
});

export interface NewOutboxItem {
  topic: 'citizen' | 'webhook';
  event: string;
  caseId: number | null;
  citizenId: number | null;
  unitCode: string | null;
  payload: unknown;
  urgent: boolean;
  essential: boolean;
  availableAt: Date;
  at: Date;
}

/**
 * The transactional outbox: a push is a row written in the same transaction as the case event that
 * caused it, and leaves only through the dispatcher.
 */
export function createOutboxRepository() {
  return {
    async add(sql: SqlSession, item: NewOutboxItem): Promise<void> {
      await sql.run(
        `INSERT INTO outbox (topic, event, case_id, citizen_id, unit_code, payload, urgent, essential, status, attempts, available_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
        [item.topic, item.event, item.caseId, item.citizenId, item.unitCode, JSON.stringify(item.payload), item.urgent, item.essential, item.availableAt, item.at],
      );
    },

    /**
     * Claims due items of the given topics for delivery: marked `sending` with a lease until `leaseUntil`
     * (kept in available_at). An item whose lease ran out (its process died mid-delivery) is due again.
     */
    async claim(sql: SqlSession, topics: string[], now: Date, leaseUntil: Date, limit: number): Promise<OutboxRecord[]> {
      const lock = sql.engine === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = await sql.all(
        `SELECT ${COLUMNS} FROM outbox WHERE status IN ('pending', 'sending') AND available_at <= ? AND topic IN (${topics.map(() => '?').join(', ')}) ORDER BY id LIMIT ?${lock}`,
        [now, ...topics, limit],
      );
      const claimed = rows.map(toRecord);
      for (const item of claimed) await sql.run("UPDATE outbox SET status = 'sending', attempts = attempts + 1, available_at = ? WHERE id = ?", [leaseUntil, item.id]);
      return claimed.map((item) => ({ ...item, status: 'sending', attempts: item.attempts + 1 }));
    },

    async markSent(sql: SqlSession, id: number, at: Date): Promise<void> {
      await sql.run("UPDATE outbox SET status = 'sent', sent_at = ? WHERE id = ?", [at, id]);
    },

    async markSkipped(sql: SqlSession, id: number, reason: string, at: Date): Promise<void> {
      await sql.run("UPDATE outbox SET status = 'skipped', last_error = ?, sent_at = ? WHERE id = ?", [reason, at, id]);
    },

    async retryLater(sql: SqlSession, id: number, error: string, retryAt: Date, dead: boolean): Promise<void> {
      await sql.run('UPDATE outbox SET status = ?, last_error = ?, available_at = ? WHERE id = ?', [dead ? 'dead' : 'pending', error.slice(0, 500), retryAt, id]);
    },

    /** Puts a claimed item back without counting an attempt (its channel is offline or lives in another process). */
    async release(sql: SqlSession, id: number, availableAt: Date, reason: string): Promise<void> {
      await sql.run("UPDATE outbox SET status = 'pending', attempts = attempts - 1, available_at = ?, last_error = ? WHERE id = ?", [availableAt, reason, id]);
    },

    /** An item given up on (or skipped) goes back to the queue, due now, with its attempts reset. */
    async requeue(sql: SqlSession, id: number, now: Date): Promise<boolean> {
      return (await sql.run("UPDATE outbox SET status = 'pending', attempts = 0, available_at = ?, last_error = NULL WHERE id = ? AND status IN ('dead', 'skipped')", [now, id])) > 0;
    },

    async counts(sql: SqlSession): Promise<Record<string, number>> {
      const rows = await sql.all('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
      return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
    },

    async list(sql: SqlSession, filter: { caseId?: number; status?: string; limit?: number } = {}): Promise<OutboxRecord[]> {
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (filter.caseId !== undefined) {
        where.push('case_id = ?');
        params.push(filter.caseId);
      }
      if (filter.status) {
        where.push('status = ?');
        params.push(filter.status);
      }
      params.push(filter.limit ?? 500);
      return (await sql.all(`SELECT ${COLUMNS} FROM outbox${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`, params)).map(toRecord).reverse();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
