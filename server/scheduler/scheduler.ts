import type { ScheduledJob } from '../db/lifecycle-entities.ts';
import type { JobRepository } from '../db/repositories/job.repository.ts';
import type { SqlSession } from '../db/sql.ts';
import type { Transactor } from '../db/transactor.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

export type JobHandler = (sql: SqlSession, job: ScheduledJob, now: Date) => Promise<void>;

const MAX_ATTEMPTS = 5;
const RETRY_MS = 60_000;

/**
 * The durable scheduler: timers are rows in `scheduled_jobs`. Each due timer is claimed, handled and
 * marked done in one transaction, so a crash leaves it pending (it fires after the restart) and a
 * handled one never fires again; on PostgreSQL `SKIP LOCKED` keeps instances off each other's timers.
 * Time comes from the clock, so tests move it by hand and call `tick()`.
 */
export function createScheduler(deps: { transactor: Transactor; jobs: JobRepository; clock: Clock; logger: Logger; handlers: Record<string, JobHandler> }) {
  const { transactor, jobs, clock, logger, handlers } = deps;

  /** Handles one due timer; false when none is due. */
  async function runOne(): Promise<boolean> {
    const now = clock.now();
    let failed: ScheduledJob | undefined;
    try {
      return await transactor.run(async ({ sql }) => {
        const [job] = await jobs.claimDue(sql, now, 1);
        if (!job) return false;
        failed = job;
        const handler = handlers[job.kind];
        if (!handler) throw new Error(`no handler for timer ${job.kind}`);
        await handler(sql, job, now);
        await jobs.finish(sql, job.id, now);
        return true;
      });
    } catch (error) {
      if (!failed) throw error;
      const job = failed;
      const giveUp = job.attempts + 1 >= MAX_ATTEMPTS;
      logger.error({ err: error, jobId: job.id, kind: job.kind, caseId: job.caseId, giveUp }, 'timer failed');
      await transactor.run(({ sql }) => jobs.failed(sql, job.id, String((error as Error)?.message ?? error), new Date(now.getTime() + RETRY_MS), giveUp, now));
      return true;
    }
  }

  return {
    /** Fires every timer due now (bounded per tick); returns how many were handled. */
    async tick(limit = 500): Promise<number> {
      let handled = 0;
      while (handled < limit && (await runOne())) handled++;
      return handled;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
