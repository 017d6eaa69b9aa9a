/**
 * `npx tsx knowledge/bench/tune-ranking.ts ['[{"idfPower":2},{"k1":1.2}]']`: the ranking constants
 * against the gov-qa dev set, split in two fixed halves so a choice made on one can be checked on the
 * other. Odd lines of dev-questions.jsonl are the tuning half, even lines the held-out half; constants
 * are chosen on the tuning half only. Each argument object overrides DEFAULT_RANKING; `{}` is the
 * defaults. Prints top-1, top-5 and MRR (first five) per half and over all questions.
 */
import { fileURLToPath } from 'node:url';
import { readKbEvalEntries, readKbEvalQuestions } from '../../server/eval/kb-eval.ts';
import { createKnowledgeIndex, type RankingConstants } from '../search/knowledge-index.ts';

const GOV_QA = fileURLToPath(new URL('../../../shared/data/gov-qa/', import.meta.url));
const entries = readKbEvalEntries(`${GOV_QA}dev-entries.jsonl`);
const questions = readKbEvalQuestions(`${GOV_QA}dev-questions.jsonl`, new Set(entries.map((e) => e.id)));
const variants = JSON.parse(process.argv[2] ?? '[{}]') as Array<Partial<RankingConstants>>;

type Tally = { n: number; top1: number; top5: number; mrr: number };
const empty = (): Tally => ({ n: 0, top1: 0, top5: 0, mrr: 0 });
const show = (t: Tally) => `top1=${(t.top1 / t.n).toFixed(4)} top5=${(t.top5 / t.n).toFixed(4)} mrr=${(t.mrr / t.n).toFixed(4)} n=${t.n}`;

for (const ranking of variants) {
  const index = createKnowledgeIndex(entries, { now: new Date(), ranking });
  const halves = { tuning: empty(), heldOut: empty(), all: empty() };
  for (const q of questions) {
    const rank = index.search(q.question, { limit: 5, minConfidence: 0 }).findIndex((h) => h.entry.id === q.answerId);
    for (const t of [q.line % 2 === 1 ? halves.tuning : halves.heldOut, halves.all]) {
      t.n++;
      if (rank === 0) t.top1++;
      if (rank >= 0) {
        t.top5++;
        t.mrr += 1 / (rank + 1);
      }
    }
  }
  process.stdout.write(`${JSON.stringify(ranking)}\n  tuning   ${show(halves.tuning)}\n  held-out ${show(halves.heldOut)}\n  all      ${show(halves.all)}\n`);
}
