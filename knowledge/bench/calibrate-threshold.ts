/**
 * `npx tsx knowledge/bench/calibrate-threshold.ts`: how the confidence threshold was chosen. Every
 * question of the base is held out of its own entry and asked; a list of out-of-scope messages is
 * asked too. For each threshold: how many held-out questions would be answered, rightly or wrongly,
 * and how many out-of-scope messages would get an answer (the one mistake a citizen must never see).
 */
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../ingest/check-entries.ts';
import { createKnowledgeIndex } from '../search/knowledge-index.ts';
import { OUT_OF_SCOPE } from './out-of-scope.ts';

const now = new Date();
const entries = loadKnowledgeBase(fileURLToPath(new URL('../entries', import.meta.url)), now).entries;
const held: Array<{ confidence: number; right: boolean }> = [];
entries.forEach((entry, i) => {
  entry.questions.forEach((question, j) => {
    const without = entries.map((e, k) => (k === i ? { ...e, questions: e.questions.filter((_, m) => m !== j) } : e));
    const hit = createKnowledgeIndex(without, { now }).search(question, { limit: 1, minConfidence: 0 })[0];
    held.push({ confidence: hit?.confidence ?? 0, right: hit?.entry.id === entry.id });
  });
});
const index = createKnowledgeIndex(entries, { now });
const outside = OUT_OF_SCOPE.map((q) => index.search(q, { limit: 1, minConfidence: 0 })[0]?.confidence ?? 0);

const lines = [`${entries.length} entries, ${held.length} held-out questions (right entry first: ${held.filter((h) => h.right).length}), ${OUT_OF_SCOPE.length} out-of-scope messages`];
for (const t of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
  const answered = held.filter((h) => h.confidence >= t);
  const right = answered.filter((h) => h.right).length;
  lines.push(`threshold ${t.toFixed(2)}: answered ${answered.length} (right ${right}, wrong ${answered.length - right}), out of scope answered ${outside.filter((c) => c >= t).length}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
