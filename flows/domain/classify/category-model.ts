/**
 * The category model: its file format, how it is decoded, and how it scores a message. The file holds
 * token statistics and weights only (n-grams, their idf, per-class weights), never message text.
 */
import { LEAD_TAG, normaliseForCategory, type FeatureConfig } from './features.ts';
import { compileLexicon, LexiconError, pairKey, scanLexicon, WORD_JOINER, type Lexicon, type ScanOptions } from './lexicon.ts';

export const CATEGORY_LABELS = ['城乡建设', '劳动和社会保障', '教育文体', '商贸旅游', '环境保护', '卫生计生', '交通运输'] as const;
export type CategoryLabel = (typeof CATEGORY_LABELS)[number];

export interface CategoryPrediction {
  label: string;
  /** Calibrated probability of `label` (softmax of the scaled margins, fitted on cross-validation). */
  confidence: number;
  /** Every label with its probability, best first. */
  ranked: Array<{ label: string; score: number }>;
}

export const CATEGORY_MODEL_FORMAT = 'jiesu-category-linear/3';

/** The committed artifact (JSON). */
export interface CategoryModelFile {
  format: typeof CATEGORY_MODEL_FORMAT;
  /** What produced it, for people reading the file. */
  description: string;
  labels: string[];
  features: FeatureConfig;
  /** The kept n-grams joined by '\n' (a lead n-gram starts with a tab). */
  tokens: string;
  /** idf per token as uint8 codes: idf = min + code × step. Used for the vector's length. */
  idf: { min: number; step: number; codes: string };
  /** Per token, per label (token-major): idf × weight as int8 codes times the label's scale. */
  weights: { scales: number[]; codes: string };
  bias: number[];
  /**
   * An optional second linear model over lexicon words and word pairs (`extractWordFeatures`), with
   * its own tf-idf vector and L2 norm; its margins, already weighted, are added to the n-gram margins.
   */
  words?: CategoryWordPart;
  /** Probabilities are softmax(probabilityScale × margin). */
  probabilityScale: number;
  /** Provenance: data fingerprint and cross-validated figures. No text. */
  training: Record<string, unknown>;
}

/** The word model: the same encoding as the n-gram part (tokens joined by '\n', uint8 idf, int8 weights). */
export interface CategoryWordPart {
  /** The lexicon the text is scanned with (`lexicon.ts`), joined by '\n'. Absent in an n-gram part. */
  lexicon?: string;
  /** How the lexicon scan reports words (`ScanOptions`); with `lexicon`. */
  scan?: ScanOptions;
  /** words, and word pairs joined by WORD_JOINER; every word is in the lexicon */
  tokens: string;
  idf: { min: number; step: number; codes: string };
  weights: { scales: number[]; codes: string };
  bias: number[];
}

export interface CompiledWordPart {
  /** token text → token (for callers holding extracted counts) */
  index: Map<string, number>;
  lexicon: Lexicon;
  /** lexicon word → its unigram token, or -1 */
  unigramOf: Int32Array;
  /** pairKey + 1 → the pair's token, open addressing as keyTable */
  pairTable: Int32Array;
  pairShift: number;
  scratch: { counts: Float64Array; touched: Int32Array };
  idf: CompiledIdf;
  weights: CompiledWeights;
  bias: Float64Array;
}

/**
 * idf as the file's uint8 codes and a 256-entry table, weights as its int8 codes and one scale per label:
 * 8 bytes a token instead of 32, so the rows a message touches stay in cache.
 */
export interface CompiledIdf {
  codes: Uint8Array;
  /** code → idf */
  values: Float64Array;
}

export interface CompiledWeights {
  /** token-major: codes[token × labels + label] */
  codes: Int8Array;
  /** per label: weight = code × scale */
  scales: Float64Array;
}

export interface CompiledCategoryModel {
  labels: readonly string[];
  features: FeatureConfig;
  /** n-gram text → token (for callers holding extracted counts) */
  index: Map<string, number>;
  /** code point → 1-based id (0: unknown), for the numeric n-gram keys of the fast path */
  charIds: Map<number, number>;
  /** the same for the Basic Multilingual Plane, as a flat table */
  bmpCharIds: Uint16Array;
  /** numeric n-gram key → token, open addressing: [key, token] pairs, key 0 = empty */
  keyTable: Int32Array;
  keyShift: number;
  /** per-call scratch: counts by token, which tokens were touched, the text's character ids */
  scratch: { counts: Float64Array; touched: Int32Array; chars: Int32Array };
  idf: CompiledIdf;
  weights: CompiledWeights;
  bias: Float64Array;
  words: CompiledWordPart | undefined;
  probabilityScale: number;
}

export class CategoryModelError extends Error {
  readonly code = 'CATEGORY_MODEL_INVALID';
}

export function compileCategoryModel(file: CategoryModelFile): CompiledCategoryModel {
  if (file.format !== CATEGORY_MODEL_FORMAT) throw new CategoryModelError(`unknown category model format ${String(file.format)}`);
  const labels = file.labels;
  const k = labels.length;
  const tokens = file.tokens === '' ? [] : file.tokens.split('\n');
  if (k < 2) throw new CategoryModelError('category model: fewer than two labels');
  const { idf, weights } = decodePart(file, tokens.length, k);

  const index = new Map<string, number>();
  const charIds = new Map<number, number>();
  let capacityBits = 1;
  while (1 << capacityBits < tokens.length * 2) capacityBits++;
  const keyTable = new Int32Array(2 << capacityBits);
  const keyShift = 32 - capacityBits;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    index.set(token, t);
    const lead = token.startsWith(LEAD_TAG);
    const chars = Array.from(lead ? token.slice(LEAD_TAG.length) : token);
    if (chars.length === 0 || chars.length > MAX_N) throw new CategoryModelError(`category model: n-gram of length ${chars.length}`);
    let key = 0;
    for (const ch of chars) {
      const point = ch.codePointAt(0)!;
      let id = charIds.get(point);
      if (id === undefined) charIds.set(point, (id = charIds.size + 1));
      key = key * CHAR_BASE + id;
    }
    insertKey(keyTable, keyShift, lead ? key + LEAD_OFFSET : key, t);
  }
  if (file.features.maxN > MAX_N || charIds.size >= CHAR_BASE) throw new CategoryModelError('category model: n-grams too long or too many characters');
  const bmpCharIds = new Uint16Array(0x10000);
  for (const [point, id] of charIds) if (point <= 0xffff) bmpCharIds[point] = id;
  const scratch = { counts: new Float64Array(tokens.length), touched: new Int32Array(tokens.length), chars: new Int32Array(0) };
  const words = file.words ? compileWordPart(file.words, k) : undefined;
  return { labels, features: file.features, index, charIds, bmpCharIds, keyTable, keyShift, scratch, idf, weights, bias: Float64Array.from(file.bias), words, probabilityScale: file.probabilityScale };
}

function compileWordPart(part: CategoryWordPart, k: number): CompiledWordPart {
  const tokens = part.tokens === '' ? [] : part.tokens.split('\n');
  const { idf, weights } = decodePart(part, tokens.length, k);
  let lexicon: Lexicon;
  try {
    if (!part.lexicon || !part.scan) throw new LexiconError('category model: a word part without its lexicon or scan options');
    lexicon = compileLexicon(part.lexicon.split('\n'), part.scan);
  } catch (error) {
    if (error instanceof LexiconError) throw new CategoryModelError(error.message);
    throw error;
  }
  const wordIndex = new Map(lexicon.words.map((word, w) => [word, w]));
  const index = new Map<string, number>();
  const unigramOf = new Int32Array(lexicon.words.length).fill(-1);
  let capacityBits = 1;
  while (1 << capacityBits < tokens.length * 2) capacityBits++;
  const pairTable = new Int32Array(2 << capacityBits);
  const pairShift = 32 - capacityBits;
  tokens.forEach((token, t) => {
    if (index.has(token)) throw new CategoryModelError('category model: a word appears twice');
    index.set(token, t);
    const ws = token.split(WORD_JOINER).map((word) => wordIndex.get(word) ?? -1);
    if (ws.length > 2 || ws.some((w) => w < 0)) throw new CategoryModelError('category model: a word token is not one or two lexicon words');
    if (ws.length === 1) unigramOf[ws[0]!] = t;
    else insertKey(pairTable, pairShift, pairKey(lexicon, ws[0]!, ws[1]!) + 1, t);
  });
  const scratch = { counts: new Float64Array(tokens.length), touched: new Int32Array(tokens.length) };
  return { index, lexicon, unigramOf, pairTable, pairShift, scratch, idf, weights, bias: Float64Array.from(part.bias) };
}

/** uint8 idf and int8 weights (token-major, one scale per label), checked and decoded for scoring. */
function decodePart(part: Pick<CategoryWordPart, 'idf' | 'weights' | 'bias'>, tokenCount: number, k: number): { idf: CompiledIdf; weights: CompiledWeights } {
  const idfCodes = decodeBase64(part.idf.codes);
  const weightCodes = decodeBase64(part.weights.codes);
  if (part.bias.length !== k || part.weights.scales.length !== k) throw new CategoryModelError('category model: labels, bias and scales disagree');
  if (idfCodes.length !== tokenCount || weightCodes.length !== tokenCount * k) throw new CategoryModelError('category model: token, idf and weight counts disagree');
  const values = Float64Array.from({ length: 256 }, (_, code) => part.idf.min + code * part.idf.step);
  const codes = new Int8Array(weightCodes.buffer, weightCodes.byteOffset, weightCodes.length);
  return { idf: { codes: idfCodes, values }, weights: { codes, scales: Float64Array.from(part.weights.scales) } };
}

function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/**
 * Raw margins per label for already extracted n-gram counts (and word counts, when the model has a
 * word part): sublinear tf × idf, L2-normalised over the kept tokens, dotted with each label's weights.
 */
export function scoreCounts(model: CompiledCategoryModel, counts: Map<string, number>, wordCounts: Map<string, number> = new Map()): Float64Array {
  const scores = new Float64Array(model.labels.length);
  let squares = 0;
  for (const [gram, count] of counts) {
    const t = model.index.get(gram);
    if (t !== undefined) squares += addTerm(model, scores, t, count);
  }
  finishScores(model, scores, squares);
  if (model.words) addWordScores(model.words, scores, wordCounts);
  return scores;
}

/** The word part's margins, over its own L2-normalised vector, added to `scores`. */
function addWordScores(part: CompiledWordPart, scores: Float64Array, wordCounts: Map<string, number>): void {
  const partScores = new Float64Array(scores.length);
  let squares = 0;
  for (const [word, count] of wordCounts) {
    const t = part.index.get(word);
    if (t !== undefined) squares += addTerm(part, partScores, t, count);
  }
  finishScores(part, partScores, squares);
  for (let c = 0; c < scores.length; c++) scores[c]! += partScores[c]!;
}

/**
 * The fast path of the word part, same result as addWordScores(…, extractWordFeatures(text, lexicon)):
 * the lexicon scan hands over word indices, which map to tokens through a table (words) and integer
 * keys (pairs), so no word or pair string is built.
 */
function addWordScoresFast(part: CompiledWordPart, scores: Float64Array, normalised: string): void {
  const { counts, touched } = part.scratch;
  scanLexicon(part.lexicon, normalised);
  const { words, wordCount, pairs, pairCount } = part.lexicon.scan;
  let size = 0;
  for (let j = 0; j < wordCount + pairCount; j++) {
    const t = j < wordCount ? part.unigramOf[words[j]!]! : lookupKey(part.pairTable, part.pairShift, pairs[j - wordCount]! + 1);
    if (t < 0) continue;
    if (counts[t] === 0) touched[size++] = t;
    counts[t]!++;
  }
  const partScores = new Float64Array(scores.length);
  let squares = 0;
  for (let j = 0; j < size; j++) {
    const t = touched[j]!;
    squares += addTerm(part, partScores, t, counts[t]!);
    counts[t] = 0;
  }
  finishScores(part, partScores, squares);
  for (let c = 0; c < scores.length; c++) scores[c]! += partScores[c]!;
}

/** 1 + ln(count) for the small counts almost every token has, computed once. */
const SUBLINEAR_TF = Float64Array.from({ length: 256 }, (_, count) => 1 + Math.log(count));

/** Adds one kept token's contribution to the margins; returns its squared tf-idf for the norm. */
function addTerm(model: Pick<CompiledCategoryModel, 'idf' | 'weights'>, scores: Float64Array, t: number, count: number): number {
  const k = scores.length;
  const tf = count < SUBLINEAR_TF.length ? SUBLINEAR_TF[count]! : 1 + Math.log(count);
  const value = tf * model.idf.values[model.idf.codes[t]!]!;
  const row = t * k;
  const codes = model.weights.codes;
  // weights already include idf, so tf alone multiplies them; each label's scale is applied at the end
  for (let c = 0; c < k; c++) scores[c]! += tf * codes[row + c]!;
  return value * value;
}

/** Apply each label's weight scale, L2-normalise the margins over the kept tokens and add the biases. */
function finishScores(model: Pick<CompiledCategoryModel, 'bias' | 'weights'>, scores: Float64Array, squares: number): Float64Array {
  const norm = squares > 0 ? Math.sqrt(squares) : 1;
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c]! * model.weights.scales[c]!) / norm + model.bias[c]!;
  return scores;
}

/**
 * The fast path, same result as scoreCounts(model, extractFeatures(text), extractWordFeatures(text, lexicon)): n-grams become small integers
 * built from per-character ids (id₁ × 2¹⁴ + id₂, lead n-grams offset by 2²⁸), so no n-gram string is
 * built and every key stays a V8 small integer. A character the model has never seen ends every n-gram
 * through it.
 */
export function scoreText(model: CompiledCategoryModel, text: string): Float64Array {
  const normalised = normaliseForCategory(text);
  if (model.scratch.chars.length < normalised.length) model.scratch.chars = new Int32Array(normalised.length * 2);
  const chars = model.scratch.chars;
  let length = 0;
  for (let i = 0; i < normalised.length; i++) {
    const unit = normalised.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) {
      chars[length++] = model.bmpCharIds[unit]!;
      continue;
    }
    const point = normalised.codePointAt(i)!;
    if (point > 0xffff) i++;
    chars[length++] = model.charIds.get(point) ?? 0;
  }
  const { maxN, lead } = model.features;
  const { counts, touched } = model.scratch;
  let size = collect(model, chars, length, maxN, 0, 0);
  if (lead > 0) size = collect(model, chars, Math.min(lead, length), maxN, LEAD_OFFSET, size);
  const scores = new Float64Array(model.labels.length);
  let squares = 0;
  for (let j = 0; j < size; j++) {
    const t = touched[j]!;
    const count = counts[t]!;
    counts[t] = 0;
    squares += addTerm(model, scores, t, count);
  }
  finishScores(model, scores, squares);
  if (model.words) addWordScoresFast(model.words, scores, normalised);
  return scores;
}

const MAX_N = 2;
const CHAR_BASE = 2 ** 14;
const LEAD_OFFSET = 2 ** 28;

/** Counts the known n-grams of chars[0, end) into the scratch; returns the new number of touched tokens. */
function collect(model: CompiledCategoryModel, chars: Int32Array, end: number, maxN: number, offset: number, size: number): number {
  const { counts, touched } = model.scratch;
  for (let i = 0; i < end; i++) {
    let key = 0;
    for (let n = 0; n < maxN && i + n < end; n++) {
      const id = chars[i + n]!;
      if (id === 0) break;
      key = key * CHAR_BASE + id;
      const t = lookupKey(model.keyTable, model.keyShift, key + offset);
      if (t < 0) continue;
      if (counts[t] === 0) touched[size++] = t;
      counts[t]!++;
    }
  }
  return size;
}

function slotOf(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

function insertKey(table: Int32Array, shift: number, key: number, token: number): void {
  const mask = (table.length >> 1) - 1;
  for (let slot = slotOf(key, shift); ; slot = (slot + 1) & mask) {
    if (table[2 * slot] === 0) {
      table[2 * slot] = key;
      table[2 * slot + 1] = token;
      return;
    }
    if (table[2 * slot] === key) throw new CategoryModelError('category model: a token appears twice');
  }
}

function lookupKey(table: Int32Array, shift: number, key: number): number {
  const mask = (table.length >> 1) - 1;
  for (let slot = slotOf(key, shift); ; slot = (slot + 1) & mask) {
    const found = table[2 * slot]!;
    if (found === key) return table[2 * slot + 1]!;
    if (found === 0) return -1;
  }
}

/** Margins → calibrated probabilities, ranked. */
export function toPrediction(model: CompiledCategoryModel, margins: Float64Array): CategoryPrediction {
  let max = -Infinity;
  for (const m of margins) max = Math.max(max, m);
  const exps = Array.from(margins, (m) => Math.exp(model.probabilityScale * (m - max)));
  const sum = exps.reduce((a, b) => a + b, 0);
  const ranked = model.labels.map((label, c) => ({ label, score: exps[c]! / sum })).sort((a, b) => b.score - a.score);
  const best = ranked[0]!;
  return { label: best.label, confidence: best.score, ranked };
}

export function predictCategory(model: CompiledCategoryModel, text: string): CategoryPrediction {
  return toPrediction(model, scoreText(model, text));
}
