import type { ScheduledJob } from '../lifecycle-entities.ts';
import { readDate, type SqlSession } from '../sql.ts';

const COLUMNS = 'id, kind, case_id, round, run_at, status, attempts, last_error, created_at, done_at';

const toJob = (row: Record<string, unknown>): ScheduledJob => ({
  id: Number(row.id),
  kind: String(row.kind),
  caseId: Number(row.case_id),
  round: Number(row.round),
  runAt: readDate(row.run_at),
  status: String(row.status),
  attempts: Number(row.attempts),
  lastError: row.last_error === null ? null : String(row.last_error),
  createdAt: readDate(row.created_at),
  doneAt: row.done_at === null || row.done_at === undefined ? null : readDate(row.done_at),
});

/** The durable scheduler's timers: rows, so they survive restarts and several instances share them. */
export function createJobRepository() {
  return {
    async schedule(sql: SqlSession, job: { kind: string; caseId: number; round: number; runAt: Date; at: Date }): Promise<void> {
      await sql.run("INSERT INTO scheduled_jobs (kind, case_id, round, run_at, status, attempts, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?)", [
        job.kind, job.caseId, job.round, job.runAt, job.at,
      ]);
    },

    /** Cancels a case's pending timers of these kinds (a clock restarted, a step done early). */
    async cancel(sql: SqlSession, caseId: number, kinds: string[], at: Date): Promise<void> {
      if (kinds.length === 0) return;
      await sql.run(`UPDATE scheduled_jobs SET status = 'cancelled', done_at = ? WHERE case_id = ? AND status = 'pending' AND kind IN (${kinds.map(() => '?').join(', ')})`, [
        at, caseId, ...kinds,
      ]);
    },

    /**
     * Due timers, locked for this transaction. On PostgreSQL `SKIP LOCKED` lets several instances
     * take different timers at once; a timer is marked done in the transaction that handled it, so
     * none fires twice. SQLite has a single writer.
     */
    async claimDue(sql: SqlSession, now: Date, limit: number): Promise<ScheduledJob[]> {
      const lock = sql.engine === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = await sql.all(`SELECT ${COLUMNS} FROM scheduled_jobs WHERE status = 'pending' AND run_at <= ? ORDER BY run_at, id LIMIT ?${lock}`, [now, limit]);
      return rows.map(toJob);
    },

    async finish(sql: SqlSession, id: number, at: Date): Promise<void> {
      await sql.run("UPDATE scheduled_jobs SET status = 'done', done_at = ?, attempts = attempts + 1 WHERE id = ?", [at, id]);
    },

    async failed(sql: SqlSession, id: number, error: string, retryAt: Date, giveUp: boolean, at: Date): Promise<void> {
      await sql.run(`UPDATE scheduled_jobs SET attempts = attempts + 1, last_error = ?, run_at = ?, status = ?, done_at = ? WHERE id = ?`, [
        error.slice(0, 500), retryAt, giveUp ? 'failed' : 'pending', giveUp ? at : null, id,
      ]);
    },

  };
}

export type JobRepository = ReturnType<typeof createJobRepository>;
