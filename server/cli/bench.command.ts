import { ConfigError } from '../config.ts';
import { BenchVerificationError, runBench } from '../bench/conversation-bench.ts';
import { formatReport, summaryOf } from '../bench/report.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

const USAGE =
  'usage: jiesu bench [--citizens 2000] [--concurrency 8] [--warmup 200] [--inserts 20000] [--db sqlite:<path>|postgres://…] [--json]';

/** Reads `--name N`; a bad value is recorded in `problems` so every mistake is listed at once. */
function wholeNumber(args: ParsedArgs, name: string, fallback: number, min: number, problems: string[]): number {
  const raw = args.flags[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min) return value;
  problems.push(`--${name} must be a whole number ≥ ${min}`);
  return fallback;
}

/**
 * `jiesu bench`: simulated citizens through whole complaint conversations, measured against raw
 * SQLite inserts on the same machine. Exit 1 when the run is not correct (a citizen without exactly
 * one case, a case count that does not match); missing a performance target is reported, not fatal.
 */
export async function benchCommand(args: ParsedArgs): Promise<number> {
  const problems: string[] = [];
  const citizens = wholeNumber(args, 'citizens', 2000, 1, problems);
  // Eight messages in flight: busy (Beijing's peak is about 40 turns a second) yet short of the
  // saturation where a closed-loop driver only measures its own queue (latency ≈ concurrency ÷ turns/s).
  const concurrency = wholeNumber(args, 'concurrency', 8, 1, problems);
  const warmupCitizens = wholeNumber(args, 'warmup', 200, 0, problems);
  const rawInsertRows = wholeNumber(args, 'inserts', 20_000, 1, problems);
  if (args.flags.db === true) problems.push('--db needs a value: sqlite:<path> or postgres://user@host:port/db');
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }

  try {
    const report = await runBench({ databaseUrl: stringFlag(args, 'db'), citizens, concurrency, warmupCitizens, rawInsertRows });
    process.stdout.write(`${formatReport(report)}\n`);
    if (args.flags.json === true) process.stdout.write(`${JSON.stringify(summaryOf(report))}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      // Only the database URL comes from the command line, so that is what was wrong.
      process.stderr.write(`${error.problems.map((p) => p.replace(/^DATABASE_URL:/, '--db:')).join('\n')}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof BenchVerificationError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
