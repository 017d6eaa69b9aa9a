/**
 * The knowledge base's search: BM25 over four fields (the entry's own questions and title, as jieba
 * words and as character bigrams; the answer and detail, likewise), summed with field weights, with
 * IDF sharpened (see `RankingConstants`), and a confidence that says how much of the query the best
 * entry actually covers.
 *
 * Building tokenises every entry once; after that `search` is pure, synchronous and allocation-light.
 */
import { bigramTerms, normaliseText, preciseWordTerms, wordTerms } from './tokenise.ts';

/** What the index needs of an entry; a full KnowledgeEntry fits, and so does an evaluation passage. */
export interface Searchable {
  id: string;
  title?: string;
  questions?: readonly string[];
  answer: string;
  detail?: string;
  /** YYYY-MM-DD or null; an entry whose end date has passed is never indexed. */
  effectiveTo?: string | null;
}

export interface SearchHit<E> {
  entry: E;
  /** Weighted BM25; comparable only within one query. */
  score: number;
  /** 0–1: the share of the query's information (IDF mass) this entry contains. */
  confidence: number;
}

export interface KnowledgeIndex<E> {
  /** Indexed entries (expired ones left out). */
  readonly size: number;
  /** Best entries first; empty when even the best is below `minConfidence` (default: the index's threshold). */
  search(query: string, options?: { limit?: number; minConfidence?: number }): Array<SearchHit<E>>;
}

export interface IndexOptions {
  now: Date;
  /** Below this the search abstains. */
  threshold?: number;
  /** Ranking constants, for tuning against an evaluation; the defaults are the tuned ones. */
  ranking?: Partial<RankingConstants>;
}

export interface RankingConstants {
  k1: number;
  b: number;
  /** Weights of the fields askWords, askGrams, textWords, textGrams. */
  weights: readonly [number, number, number, number];
  /**
   * BM25's IDF is raised to this power. Citizens' questions carry many ordinary words (企业, 疫情,
   * 提供, 支持) that every long passage also has; above 1, the rare words a question shares with its
   * answer decide, and a passage that merely mentions many common ones no longer wins.
   */
  idfPower: number;
  /**
   * Weight of a query's jieba search-mode sub-words (上海市 → 上海, 海市): they stay as terms, so a
   * passage that writes 上海 still matches, but one concept no longer counts three times.
   */
  subwordWeight: number;
}

/** Confidence below which the best hit is not an answer (see knowledge/README.md for how it was set). */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.4;

/** Field weights: how citizens ask (questions, title) counts above what the answer says. */
export const DEFAULT_RANKING: RankingConstants = { k1: 0.9, b: 0.3, weights: [3, 1.5, 1, 2], idfPower: 3, subwordWeight: 0.3 };
const FIELD_COUNT = 4;
const ASK_WORDS = 0;
const ASK_GRAMS = 1;
const TEXT_WORDS = 2;
const TEXT_GRAMS = 3;

interface Postings {
  docs: number[];
  tfs: number[];
}

interface Term {
  /** per field, or undefined when the term never occurs in that field */
  fields: Array<Postings | undefined>;
  /** BM25 IDF per field raised to the ranking's power, filled once the index is built */
  idf: Float64Array;
  /** documents containing the term in any field */
  df: number;
  /** IDF over any field, for the confidence */
  anyIdf: number;
}

function counts(terms: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of terms) map.set(t, (map.get(t) ?? 0) + 1);
  return map;
}

function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export function createKnowledgeIndex<E extends Searchable>(all: readonly E[], options: IndexOptions): KnowledgeIndex<E> {
  const today = options.now.toISOString().slice(0, 10);
  const threshold = options.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const { k1: K1, b: B, weights, idfPower, subwordWeight } = { ...DEFAULT_RANKING, ...options.ranking };
  const entries = all.filter((e) => !e.effectiveTo || e.effectiveTo >= today);
  const n = entries.length;
  // Words and bigrams live in one dictionary; a prefix keeps 社保 the word apart from 社保 the bigram.
  const terms = new Map<string, Term>();
  const lengths = Array.from({ length: FIELD_COUNT }, () => new Float64Array(n));
  const lastDoc = new Map<Term, number>();

  const add = (doc: number, field: number, tokens: readonly string[], prefix: string) => {
    lengths[field]![doc] = tokens.length;
    for (const [token, tf] of counts(tokens)) {
      const key = prefix + token;
      let term = terms.get(key);
      if (!term) {
        term = { fields: new Array<Postings | undefined>(FIELD_COUNT).fill(undefined), idf: new Float64Array(FIELD_COUNT), df: 0, anyIdf: 0 };
        terms.set(key, term);
      }
      const postings = (term.fields[field] ??= { docs: [], tfs: [] });
      postings.docs.push(doc);
      postings.tfs.push(tf);
      if (lastDoc.get(term) !== doc) {
        term.df++;
        lastDoc.set(term, doc);
      }
    }
  };

  entries.forEach((entry, doc) => {
    const ask = normaliseText([entry.title ?? '', ...(entry.questions ?? [])].join('\n'));
    const text = normaliseText(entry.detail ? `${entry.answer}\n${entry.detail}` : entry.answer);
    add(doc, ASK_WORDS, wordTerms(ask), 'w:');
    add(doc, ASK_GRAMS, bigramTerms(ask), 'g:');
    add(doc, TEXT_WORDS, wordTerms(text), 'w:');
    add(doc, TEXT_GRAMS, bigramTerms(text), 'g:');
  });

  const avgLength = lengths.map((ls) => (n === 0 ? 0 : ls.reduce((a, b) => a + b, 0) / n) || 1);
  for (const term of terms.values()) {
    term.fields.forEach((p, f) => (term.idf[f] = p ? bm25Idf(n, p.docs.length) ** idfPower : 0));
    term.anyIdf = bm25Idf(n, term.df);
  }
  // Normalised BM25 length factor per field and document, computed once.
  const norms = lengths.map((ls, f) => ls.map((len) => K1 * (1 - B + (B * len) / avgLength[f]!)));
  const unseenIdf = bm25Idf(n, 0);

  // Scratch space reused by every query; only the documents a query touched are reset.
  const scores = new Float64Array(n);
  const touchedFlag = new Uint8Array(n);
  const seenBy = new Int32Array(n).fill(-1);
  /** IDF mass of the query's words (slot 0) and bigrams (slot 1) found in each document */
  const coverage = new Float64Array(n * 2);

  function search(query: string, { limit = 5, minConfidence = threshold }: { limit?: number; minConfidence?: number } = {}): Array<SearchHit<E>> {
    const normalised = normaliseText(query);
    const wordList = [...new Set(wordTerms(normalised))];
    const words = wordList.map((t) => `w:${t}`);
    const grams = [...new Set(bigramTerms(normalised, true))].map((t) => `g:${t}`);
    // Only question words and particles (怎么办, 请问): nothing to look for.
    if (n === 0 || words.length === 0) return [];
    const whole = new Set(preciseWordTerms(normalised));
    const queryWeights = [wordList.map((t) => (whole.has(t) ? 1 : subwordWeight)), grams.map(() => 1)];

    const touched: number[] = [];
    // Coverage is measured separately for words and bigrams, then averaged: words reward the right
    // terms, bigrams survive typos and words jieba splits differently.
    const kinds = [words, grams];
    const totals = [0, 0];
    kinds.forEach((keys, kind) => {
      let total = 0;
      keys.forEach((key, q) => {
        const term = terms.get(key);
        const idf = term ? term.anyIdf : unseenIdf;
        total += idf;
        if (!term) return;
        const marker = kind * 100_000 + q;
        term.fields.forEach((postings, f) => {
          if (!postings) return;
          const weight = weights[f]! * term.idf[f]! * queryWeights[kind]![q]!;
          const norm = norms[f]!;
          for (let i = 0; i < postings.docs.length; i++) {
            const doc = postings.docs[i]!;
            const tf = postings.tfs[i]!;
            if (touchedFlag[doc] === 0) {
              touchedFlag[doc] = 1;
              touched.push(doc);
            }
            scores[doc]! += (weight * tf * (K1 + 1)) / (tf + norm[doc]!);
            if (seenBy[doc] !== marker) {
              seenBy[doc] = marker;
              coverage[doc * 2 + kind]! += idf;
            }
          }
        });
      });
      totals[kind] = total;
    });

    const best: Array<{ doc: number; score: number }> = [];
    for (const doc of touched) {
      const score = scores[doc]!;
      if (best.length < limit || score > best[best.length - 1]!.score) {
        let at = best.length;
        while (at > 0 && best[at - 1]!.score < score) at--;
        best.splice(at, 0, { doc, score });
        if (best.length > limit) best.pop();
      }
    }
    const confidenceOf = (doc: number) => {
      const parts = [0, 1].filter((kind) => totals[kind]! > 0).map((kind) => coverage[doc * 2 + kind]! / totals[kind]!);
      return Math.min(1, parts.reduce((a, b) => a + b, 0) / parts.length);
    };
    const hits = best.map(({ doc, score }) => ({ entry: entries[doc]!, score, confidence: confidenceOf(doc) }));
    for (const doc of touched) {
      scores[doc] = 0;
      touchedFlag[doc] = 0;
      seenBy[doc] = -1;
      coverage[doc * 2] = 0;
      coverage[doc * 2 + 1] = 0;
    }
    if (hits.length === 0 || hits[0]!.confidence < minConfidence) return [];
    return hits;
  }

  return { size: n, search };
}
