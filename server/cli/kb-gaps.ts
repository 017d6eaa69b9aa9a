import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createRuntime } from '../runtime.ts';

/**
 * `jiesu kb gaps`: what citizens asked that the knowledge base could not answer (or answered without
 * helping), most frequent first, and the first-contact resolution rate, so the base grows where
 * people need it.
 */
export async function kbGaps(config: Config, limit: number, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const runtime = await createRuntime(config, { logger: createLogger('warn', process.stderr) });
  try {
    const [gaps, stats] = await Promise.all([runtime.consultations.gaps(limit), runtime.consultations.stats()]);
    if (gaps.length === 0) out.write('No unanswered or unhelpful questions recorded yet.\n');
    else {
      out.write('times  last asked            question\n');
      for (const gap of gaps) out.write(`${String(gap.times).padStart(5)}  ${gap.lastAsked.slice(0, 19).padEnd(20)}  ${gap.question}\n`);
    }
    const rate = stats.firstContactResolution === null ? 'n/a' : `${(stats.firstContactResolution * 100).toFixed(1)}%`;
    out.write(`consultations=${stats.total} answered=${stats.answered} helped=${stats.helped} firstContactResolution=${rate}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}
