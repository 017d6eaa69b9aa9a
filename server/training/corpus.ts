/**
 * Messages as sparse count vectors over one shared n-gram dictionary, and the per-fold vocabulary
 * (document frequency, idf) fitted on training messages only.
 */
import { extractFeatures, type FeatureConfig } from '../../flows/domain/classify/features.ts';

export interface CountVector {
  ids: Int32Array;
  counts: Float32Array;
}

export interface Corpus {
  /** id → n-gram */
  grams: string[];
  docs: CountVector[];
}

export function buildCorpus(texts: readonly string[], config: FeatureConfig): Corpus {
  return buildCorpusWith(texts, (text) => extractFeatures(text, config));
}

/** The same over any token counter (the word model's lexicon words and pairs). */
export function buildCorpusWith(texts: readonly string[], extract: (text: string) => Map<string, number>): Corpus {
  const ids = new Map<string, number>();
  const grams: string[] = [];
  const docs = texts.map((text) => {
    const counts = extract(text);
    const doc: CountVector = { ids: new Int32Array(counts.size), counts: new Float32Array(counts.size) };
    let j = 0;
    for (const [gram, count] of counts) {
      let id = ids.get(gram);
      if (id === undefined) {
        id = grams.length;
        ids.set(gram, id);
        grams.push(gram);
      }
      doc.ids[j] = id;
      doc.counts[j++] = count;
    }
    return doc;
  });
  return { grams, docs };
}

export interface Vocabulary {
  /** corpus id → feature index, or -1 when not kept */
  featureOf: Int32Array;
  /** feature index → corpus id */
  corpusId: Int32Array;
  /** smooth idf per feature: ln((1 + n) / (1 + df)) + 1 */
  idf: Float64Array;
}

/** Keeps n-grams seen in at least `minDf` of the given training messages. */
export function fitVocabulary(corpus: Corpus, training: readonly number[], minDf: number): Vocabulary {
  const df = new Int32Array(corpus.grams.length);
  for (const i of training) for (const id of corpus.docs[i]!.ids) df[id]!++;
  const featureOf = new Int32Array(corpus.grams.length).fill(-1);
  const kept: number[] = [];
  for (let id = 0; id < df.length; id++) {
    if (df[id]! >= minDf) {
      featureOf[id] = kept.length;
      kept.push(id);
    }
  }
  const idf = Float64Array.from(kept, (id) => Math.log((1 + training.length) / (1 + df[id]!)) + 1);
  return { featureOf, corpusId: Int32Array.from(kept), idf };
}

export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

/** tf × idf over the vocabulary, L2-normalised; tf is 1 + ln(count) when sublinear. */
export function vectorise(doc: CountVector, vocabulary: Vocabulary, tf: 'sublinear' | 'raw'): SparseVector {
  const ids: number[] = [];
  const values: number[] = [];
  let squares = 0;
  for (let j = 0; j < doc.ids.length; j++) {
    const f = vocabulary.featureOf[doc.ids[j]!]!;
    if (f < 0) continue;
    const count = doc.counts[j]!;
    const value = (tf === 'sublinear' ? 1 + Math.log(count) : count) * vocabulary.idf[f]!;
    ids.push(f);
    values.push(value);
    squares += value * value;
  }
  const norm = squares > 0 ? Math.sqrt(squares) : 1;
  return { ids: Int32Array.from(ids), values: Float32Array.from(values, (v) => v / norm) };
}
