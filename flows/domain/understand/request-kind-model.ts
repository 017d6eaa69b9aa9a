/**
 * A small statistical second opinion on the kind of request: naive Bayes over the character 1–2-grams of
 * the message, trained on the team's development sentences (`test/fixtures/request-kinds.jsonl`) by
 * `server/training/train-request-kind.ts`. The artifact holds n-gram counts only, never a sentence.
 *
 * It never overrules a confident rule. `request-type.ts` uses it only where the rules are unsure: to
 * replace a weak guess when the model is sure, to make a weak guess confident when both agree, and to
 * guess (not confidently) when no rule speaks.
 */
import model from './request-kind-ngrams.json' with { type: 'json' };
import { normaliseForMatching } from './fold.ts';
import type { RequestKind } from './request-type.ts';

export const REQUEST_KIND_MODEL_FORMAT = 'jiesu-request-kind-nb/1';

/** The committed artifact. */
export interface RequestKindModelFile {
  format: typeof REQUEST_KIND_MODEL_FORMAT;
  description: string;
  labels: RequestKind[];
  /** Longest n-gram, in characters. */
  maxN: number;
  /** Add-alpha smoothing. */
  alpha: number;
  /** n-gram → number of training sentences of each label that contain it (labels order). */
  counts: Record<string, number[]>;
}

export interface KindGuess {
  kind: RequestKind;
  /** Posterior probability of `kind` under the model (over-confident, as naive Bayes is). */
  probability: number;
}

/** The n-grams of a message: distinct character 1..maxN-grams of its runs of CJK, digits and letters, with ^ and $ at the ends. */
export function kindNgrams(text: string, maxN: number): string[] {
  const cleaned = normaliseForMatching(text)
    .toLowerCase()
    .replace(/[^\u4e00-\u9fff0-9a-z？?]+/g, ' ');
  const out = new Set<string>();
  for (const part of `^${cleaned}$`.split(' ')) {
    for (let n = 1; n <= maxN; n++) for (let i = 0; i + n <= part.length; i++) out.add(part.slice(i, i + n));
  }
  return [...out];
}

interface Scorer {
  labels: RequestKind[];
  maxN: number;
  /** log P(gram | label) per gram. */
  logLikelihood: Map<string, number[]>;
}

let scorer: Scorer | undefined;

function load(): Scorer {
  if (scorer) return scorer;
  const file = model as RequestKindModelFile;
  const labels = file.labels;
  const vocabulary = Object.keys(file.counts).length;
  const totals = labels.map((_, k) => Object.values(file.counts).reduce((a, c) => a + c[k]!, 0));
  const logLikelihood = new Map<string, number[]>();
  for (const [gram, c] of Object.entries(file.counts)) {
    logLikelihood.set(gram, labels.map((_, k) => Math.log((c[k]! + file.alpha) / (totals[k]! + file.alpha * vocabulary))));
  }
  scorer = { labels, maxN: file.maxN, logLikelihood };
  return scorer;
}

/** The model's kind for a message, or undefined when none of its n-grams is known. Uniform prior. */
export function guessRequestKind(text: string): KindGuess | undefined {
  const { labels, maxN, logLikelihood } = load();
  const scores = labels.map(() => 0);
  let known = 0;
  for (const gram of kindNgrams(text, maxN)) {
    const l = logLikelihood.get(gram);
    if (!l) continue;
    known++;
    for (let k = 0; k < labels.length; k++) scores[k]! += l[k]!;
  }
  if (known === 0) return undefined;
  const top = Math.max(...scores);
  const weights = scores.map((s) => Math.exp(s - top));
  const sum = weights.reduce((a, b) => a + b, 0);
  const best = scores.indexOf(top);
  return { kind: labels[best]!, probability: weights[best]! / sum };
}
