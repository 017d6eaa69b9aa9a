/**
 * Writes `flows/domain/understand/request-kind-ngrams.json`, the naive Bayes second opinion on the kind
 * of request, from the team's development sentences. Deterministic: the same file gives the same bytes.
 *
 *   node --import tsx server/training/train-request-kind.ts [--data test/fixtures/request-kinds.jsonl] [--out …]
 *
 * Never train on a holdout (`*-holdout.jsonl`): its figures would stop meaning anything.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kindNgrams, REQUEST_KIND_MODEL_FORMAT, type RequestKindModelFile } from '../../flows/domain/understand/request-kind-model.ts';
import { REQUEST_KINDS, type RequestKind } from '../../flows/domain/understand/request-type.ts';

export const MAX_N = 2;
export const ALPHA = 0.5;
/** N-grams in fewer training sentences than this are left out (rare ones mostly name one sentence). */
export const MIN_SENTENCES = 2;

export function trainRequestKindModel(lines: Array<{ text: string; type: RequestKind }>): RequestKindModelFile {
  const counts = new Map<string, number[]>();
  for (const line of lines) {
    const k = REQUEST_KINDS.indexOf(line.type);
    if (k < 0) throw new Error(`unknown kind ${line.type}`);
    for (const gram of kindNgrams(line.text, MAX_N)) {
      let c = counts.get(gram);
      if (!c) counts.set(gram, (c = REQUEST_KINDS.map(() => 0)));
      c[k]!++;
    }
  }
  const kept = [...counts].filter(([, c]) => c.reduce((a, b) => a + b, 0) >= MIN_SENTENCES).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    format: REQUEST_KIND_MODEL_FORMAT,
    description: `Naive Bayes over character 1–${MAX_N}-grams in at least ${MIN_SENTENCES} of ${lines.length} development sentences (test/fixtures/request-kinds.jsonl); counts only.`,
    labels: [...REQUEST_KINDS],
    maxN: MAX_N,
    alpha: ALPHA,
    counts: Object.fromEntries(kept),
  };
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = new URL('../../', import.meta.url);
  const data = option('--data', fileURLToPath(new URL('test/fixtures/request-kinds.jsonl', root)));
  const out = option('--out', fileURLToPath(new URL('flows/domain/understand/request-kind-ngrams.json', root)));
  if (/holdout/.test(data)) throw new Error('refusing to train on a holdout file');
  const lines = readFileSync(data, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; type: RequestKind });
  const file = trainRequestKindModel(lines);
  // One n-gram per line keeps diffs readable.
  const body = Object.entries(file.counts)
    .map(([g, c]) => `    ${JSON.stringify(g)}: [${c.join(',')}]`)
    .join(',\n');
  const { counts: _counts, ...head } = file;
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  writeFileSync(out, `${headJson},\n  "counts": {\n${body}\n  }\n}\n`);
  console.log(`${Object.keys(file.counts).length} n-grams from ${lines.length} sentences → ${out}`);
}
