import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ConversationRunner } from '../conversation/runner.ts';
import { CaseSchema } from '../db/entities.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createRuntime } from '../runtime.ts';
import { prepareBenchDatabase } from './bench-database.ts';
import { nextStep, openingOf } from './citizen-script.ts';
import { measureRawInserts, type RawInsertResult } from './raw-inserts.ts';
import { createSamples, percentile } from './stats.ts';

/**
 * Whole complaint conversations through the in-process runner, many citizens at once, on a real
 * database with the production migrations. Latency is what a channel sees for one message: from
 * handing it to the runner until the replies come back, waiting for the database included.
 */

export interface BenchOptions {
  /** `sqlite:<path>` or `postgres://…`; default: a new SQLite file in a temp directory. */
  databaseUrl?: string;
  citizens: number;
  concurrency: number;
  /**
   * Citizens run before measuring (their own channel, not counted) so the JIT and caches are warm;
   * without them the first few hundred turns run at two thirds of the steady speed.
   */
  warmupCitizens: number;
  rawInsertRows: number;
  logger?: Logger;
}

export interface ConversationFigures {
  citizens: number;
  turns: number;
  elapsedMs: number;
  turnsPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  turnsPerCitizen: { min: number; max: number };
}

export interface BenchReport {
  database: string;
  engine: 'sqlite' | 'postgres';
  concurrency: number;
  warmupCitizens: number;
  conversations: ConversationFigures;
  raw: RawInsertResult;
  /** Peak resident set size of this process over the run. */
  rssMb: number;
  ratio: number;
  /** What was checked after the run; the run throws instead of reporting when a check fails. */
  verified: { cases: number; distinctTickets: number };
}

/** A correctness check failed: the figures would describe a broken system, so none are reported. */
export class BenchVerificationError extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 10);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    super(`Benchmark verification failed:\n${shown.map((p) => `  - ${p}`).join('\n')}${more}`);
    this.name = 'BenchVerificationError';
  }
}

const MAX_TURNS_PER_CITIZEN = 12;

interface CitizenOutcome {
  turns: number;
  tickets: string[];
  problem?: string;
}

function createRssTracker() {
  let peak = process.memoryUsage.rss();
  return {
    sample(): void {
      const now = process.memoryUsage.rss();
      if (now > peak) peak = now;
    },
    get peakMb() {
      return peak / (1024 * 1024);
    },
  };
}

async function talkAsCitizen(
  runner: ConversationRunner,
  channel: string,
  index: number,
  onTurn: (ms: number) => void,
): Promise<CitizenOutcome> {
  const userId = `citizen-${index}`;
  const tickets: string[] = [];
  let text = openingOf(index);
  for (let turn = 1; turn <= MAX_TURNS_PER_CITIZEN; turn++) {
    const started = performance.now();
    const result = await runner.handle({ channel, userId, text, messageId: `${userId}-${turn}` });
    onTurn(performance.now() - started);
    if (result.failed) return { turns: turn, tickets, problem: `${userId}: turn ${turn} failed (${result.replies[0]?.text ?? 'no reply'})` };
    if (result.duplicate) return { turns: turn, tickets, problem: `${userId}: turn ${turn} was answered as a duplicate` };
    for (const reply of result.replies) {
      if (reply.kind === 'case_filed' && typeof reply.data?.ticketNo === 'string') tickets.push(reply.data.ticketNo);
    }
    const step = nextStep(result.replies, index);
    if (step.done) return { turns: turn, tickets };
    if ('problem' in step) return { turns: turn, tickets, problem: `${userId}: after turn ${turn}, ${step.problem}` };
    text = step.text;
  }
  return { turns: MAX_TURNS_PER_CITIZEN, tickets, problem: `${userId}: no case after ${MAX_TURNS_PER_CITIZEN} turns` };
}

/** Run `citizens` conversations with at most `concurrency` citizens talking at any moment. */
async function runCitizens(runner: ConversationRunner, channel: string, citizens: number, concurrency: number, onTurn: (ms: number) => void) {
  const outcomes: CitizenOutcome[] = new Array(citizens);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < citizens; index = next++) outcomes[index] = await talkAsCitizen(runner, channel, index, onTurn);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, citizens) }, worker));
  return outcomes;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const tempDir = mkdtempSync(join(tmpdir(), 'jiesu-bench-'));
  const rss = createRssTracker();
  try {
    const raw = measureRawInserts(tempDir, options.rawInsertRows);
    rss.sample();

    const database = await prepareBenchDatabase(options.databaseUrl, tempDir);
    try {
      // Errors only: a failed turn logs why, which is what a failing verification needs.
      const logger = options.logger ?? createLogger('error', process.stderr);
      const runtime = await createRuntime(database.config, { schema: database.schema, logger });
      try {
        // A per-run channel keeps the counts exact even on a database that already holds data.
        const runId = randomBytes(4).toString('hex');
        const channel = `bench-${runId}`;

        if (options.warmupCitizens > 0) {
          const warm = await runCitizens(runtime.runner, `benchw-${runId}`, options.warmupCitizens, options.concurrency, () => undefined);
          const problems = warm.flatMap((o) => (o.problem ? [`warm-up ${o.problem}`] : []));
          if (problems.length > 0) throw new BenchVerificationError(problems);
        }

        const latencies = createSamples(options.citizens * 6);
        const started = performance.now();
        const outcomes = await runCitizens(runtime.runner, channel, options.citizens, options.concurrency, (ms) => {
          latencies.add(ms);
          if ((latencies.length & 63) === 0) rss.sample();
        });
        const elapsedMs = performance.now() - started;
        rss.sample();

        const verified = await verify(runtime.dataSource.manager, channel, options.citizens, outcomes);
        const sorted = latencies.sorted();
        const turnsPerSec = sorted.length / (elapsedMs / 1000);
        const turnCounts = outcomes.map((o) => o.turns);
        return {
          database: database.label,
          engine: database.config.database.engine,
          concurrency: options.concurrency,
          warmupCitizens: options.warmupCitizens,
          conversations: {
            citizens: options.citizens,
            turns: sorted.length,
            elapsedMs,
            turnsPerSec,
            p50Ms: percentile(sorted, 50),
            p90Ms: percentile(sorted, 90),
            p99Ms: percentile(sorted, 99),
            maxMs: sorted[sorted.length - 1] ?? 0,
            turnsPerCitizen: { min: turnCounts.reduce((a, b) => Math.min(a, b)), max: turnCounts.reduce((a, b) => Math.max(a, b)) },
          },
          raw,
          rssMb: rss.peakMb,
          ratio: turnsPerSec / raw.insertsPerSec,
          verified,
        };
      } finally {
        await runtime.close();
      }
    } finally {
      await database.dispose();
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/** Every citizen got exactly one case_filed, and the database holds exactly those cases. */
async function verify(m: EntityManager, channel: string, citizens: number, outcomes: CitizenOutcome[]) {
  const problems: string[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.problem) problems.push(outcome.problem);
    else if (outcome.tickets.length !== 1) problems.push(`citizen-${index}: ${outcome.tickets.length} case_filed replies, expected exactly 1`);
  }
  const replied = outcomes.flatMap((o) => o.tickets);
  const distinctTickets = new Set(replied).size;
  if (distinctTickets !== replied.length) problems.push(`${replied.length - distinctTickets} ticket numbers were handed out twice`);

  const rows = await m.find(CaseSchema, { where: { channel }, select: { ticketNo: true } });
  if (rows.length !== citizens) problems.push(`the database holds ${rows.length} cases for ${citizens} citizens`);
  const stored = new Set(rows.map((r) => r.ticketNo));
  const missing = replied.filter((t) => !stored.has(t));
  if (missing.length > 0) problems.push(`${missing.length} ticket numbers told to citizens are not in the database (e.g. ${missing[0]})`);

  if (problems.length > 0) throw new BenchVerificationError(problems);
  return { cases: rows.length, distinctTickets };
}
