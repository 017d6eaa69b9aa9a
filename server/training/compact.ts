/**
 * From a trained linear model to the committed artifact: keep the n-grams that carry the most weight,
 * fold idf into the weights, and quantise (idf to uint8, weights to int8 with one scale per label).
 */
import { CATEGORY_MODEL_FORMAT, type CategoryModelFile, type CategoryWordPart } from '../../flows/domain/classify/category-model.ts';
import type { FeatureConfig } from '../../flows/domain/classify/features.ts';
import type { ScanOptions } from '../../flows/domain/classify/lexicon.ts';
import type { Vocabulary } from './corpus.ts';
import type { LinearModel } from './nbsvm.ts';

export interface CompactOptions {
  labels: readonly string[];
  features: FeatureConfig;
  /** Keep at most this many n-grams, the ones with the largest |idf × weight| for any label. */
  maxFeatures: number;
  probabilityScale: number;
  description: string;
  training: Record<string, unknown>;
  /** A second model over words (its own vocabulary), its margins multiplied by `weight` and added. */
  words?: { model: LinearModel; vocabulary: Vocabulary; grams: readonly string[]; maxFeatures: number; weight: number; lexicon: readonly string[]; scan: ScanOptions };
}

export function compactModel(model: LinearModel, vocabulary: Vocabulary, grams: readonly string[], options: CompactOptions): CategoryModelFile {
  const chars = compactPart(model, vocabulary, grams, options.maxFeatures, 1);
  const words = options.words && {
    lexicon: options.words.lexicon.join('\n'),
    scan: options.words.scan,
    ...compactPart(options.words.model, options.words.vocabulary, options.words.grams, options.words.maxFeatures, options.words.weight),
  };
  return {
    format: CATEGORY_MODEL_FORMAT,
    description: options.description,
    labels: [...options.labels],
    features: options.features,
    ...chars,
    ...(words ? { words } : {}),
    probabilityScale: round(options.probabilityScale, 4),
    training: options.training,
  };
}

/** One linear model's kept tokens, uint8 idf and int8 idf × weight × `multiplier`, and bias × `multiplier`. */
function compactPart(model: LinearModel, vocabulary: Vocabulary, grams: readonly string[], maxFeatures: number, multiplier: number): CategoryWordPart {
  const k = model.labelCount;
  const featureCount = vocabulary.idf.length;
  const importance = new Float64Array(featureCount);
  for (let f = 0; f < featureCount; f++) {
    let max = 0;
    for (let c = 0; c < k; c++) max = Math.max(max, Math.abs(model.weights[f * k + c]! * vocabulary.idf[f]!));
    importance[f] = max;
  }
  // ties broken by the n-gram text so the artifact is byte-for-byte reproducible
  const kept = Array.from({ length: featureCount }, (_, f) => f)
    .filter((f) => importance[f]! > 0)
    .sort((a, b) => importance[b]! - importance[a]! || compare(grams[vocabulary.corpusId[a]!]!, grams[vocabulary.corpusId[b]!]!))
    .slice(0, maxFeatures)
    .sort((a, b) => compare(grams[vocabulary.corpusId[a]!]!, grams[vocabulary.corpusId[b]!]!));

  let idfMin = Infinity;
  let idfMax = -Infinity;
  for (const f of kept) {
    idfMin = Math.min(idfMin, vocabulary.idf[f]!);
    idfMax = Math.max(idfMax, vocabulary.idf[f]!);
  }
  if (kept.length === 0) idfMin = idfMax = 1;
  const idfStep = idfMax > idfMin ? (idfMax - idfMin) / 255 : 1;
  const idfCodes = Uint8Array.from(kept, (f) => Math.round((vocabulary.idf[f]! - idfMin) / idfStep));

  const weight = (f: number, c: number) => model.weights[f * k + c]! * vocabulary.idf[f]! * multiplier;
  const scales = Array.from({ length: k }, (_, c) => {
    let max = 0;
    for (const f of kept) max = Math.max(max, Math.abs(weight(f, c)));
    return max > 0 ? max / 127 : 1;
  });
  const weightCodes = new Int8Array(kept.length * k);
  kept.forEach((f, t) => {
    for (let c = 0; c < k; c++) weightCodes[t * k + c] = Math.round(weight(f, c) / scales[c]!);
  });

  return {
    tokens: kept.map((f) => grams[vocabulary.corpusId[f]!]!).join('\n'),
    idf: { min: round(idfMin, 6), step: round(idfStep, 8), codes: Buffer.from(idfCodes).toString('base64') },
    weights: { scales: scales.map((s) => round(s, 8)), codes: Buffer.from(weightCodes.buffer).toString('base64') },
    bias: Array.from(model.bias, (b) => round(b * multiplier, 6)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}
