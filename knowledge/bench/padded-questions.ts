/**
 * `npx tsx knowledge/bench/padded-questions.ts`: consultations padded with what the asker tells about
 * themselves (我妈今年70了一个人住 …). Each question of the base is held out of its entry, as in
 * calibrate-threshold.ts, and asked behind each pad; the out-of-scope messages are asked alone and padded.
 * Printed for the plain search and for the search that narrows the question when it abstains
 * (`searchNarrowing`, what the bot runs).
 */
import { fileURLToPath } from 'node:url';
import { searchNarrowing } from '../../server/conversation/knowledge-answers.ts';
import { loadKnowledgeBase } from '../ingest/check-entries.ts';
import { createKnowledgeIndex, type KnowledgeIndex, type Searchable } from '../search/knowledge-index.ts';
import { OUT_OF_SCOPE } from './out-of-scope.ts';

const PADS = ['我住在朝阳 ', '我妈今年70了一个人住 ', '我们在海淀上班 ', '老家在河北 ', '我在丰台方庄 腿脚不好 '];

const now = new Date();
const entries = loadKnowledgeBase(fileURLToPath(new URL('../entries', import.meta.url)), now).entries;
const full = createKnowledgeIndex(entries, { now });
const modes = [
  { name: 'plain    ', best: <E extends Searchable>(index: KnowledgeIndex<E>, q: string) => index.search(q, { limit: 1 })[0] },
  { name: 'narrowing', best: <E extends Searchable>(index: KnowledgeIndex<E>, q: string) => searchNarrowing(index, q, 1)[0] },
].map((mode) => ({ ...mode, asked: 0, answered: 0, right: 0 }));

// One index per held-out question, built once and asked in every mode (they take too much memory to keep).
entries.forEach((entry, i) => {
  entry.questions.forEach((question, j) => {
    const index = createKnowledgeIndex(
      entries.map((e, k) => (k === i ? { ...e, questions: e.questions.filter((_, m) => m !== j) } : e)),
      { now },
    );
    for (const mode of modes) {
      for (const pad of PADS) {
        const hit = mode.best(index, pad + question);
        mode.asked++;
        if (hit) mode.answered++;
        if (hit?.entry.id === entry.id) mode.right++;
      }
    }
  });
});

for (const mode of modes) {
  const leaked = OUT_OF_SCOPE.flatMap((o) => ['', ...PADS].map((pad) => pad + o)).filter((q) => mode.best(full, q) !== undefined);
  process.stdout.write(
    `${mode.name}: padded held-out questions ${mode.asked}, answered ${mode.answered} (right ${mode.right}); ` +
      `out of scope answered ${leaked.length} of ${OUT_OF_SCOPE.length * (PADS.length + 1)}${leaked.length ? `: ${leaked.join(' / ')}` : ''}\n`,
  );
}
