/**
 * The word model's words without a segmenter at run time: a fixed lexicon (chosen at training time from
 * jieba's words of the training messages) in a character trie, and one left-to-right scan of the
 * normalised text that
 * - splits it by forward maximum matching over the lexicon: at each segment start the longest lexicon
 *   word; a character that starts no lexicon word (punctuation, a character never seen) is a segment of
 *   its own and breaks the chain of pairs;
 * - reports each segment's word, and the other lexicon words occurring inside the segment ('within', as
 *   jieba's search mode yields 公积 and 积金 of 公积金) or anywhere ('all'), of at least `minSubword`
 *   characters;
 * - reports each pair of neighbouring segment words.
 *
 * Training computes its features with this same scan, so cross-validation measures what the bot runs.
 */
/** Which lexicon words the scan reports, besides the segmentation's own words (always reported). */
export interface ScanOptions {
  /** 'all': every occurrence in the text; 'within': only those inside a segment, as jieba's search mode */
  subwords: 'all' | 'within';
  /** shortest such other occurrence reported, in characters */
  minSubword: number;
}

export interface Lexicon {
  /** word index → word */
  words: readonly string[];
  options: ScanOptions;
  /** code point → 1-based character id (0: in no lexicon word) */
  charIds: Map<number, number>;
  /** the same for the Basic Multilingual Plane, as a flat table */
  bmpCharIds: Uint16Array;
  /** trie edges, open addressing: [node × charBase + char id, child node] pairs, key 0 = empty */
  edges: Int32Array;
  edgeShift: number;
  charBase: number;
  /** char id → the root's child, or -1 (the first step of every walk, without hashing) */
  rootChild: Int32Array;
  /** trie node → the word ending there, or -1 (node 0 is the root) */
  wordAt: Int32Array;
  /** scratch of the last scan: the text's character ids, the words found and the pair keys */
  scan: {
    ids: Int32Array;
    words: Int32Array;
    wordCount: number;
    pairs: Int32Array;
    pairCount: number;
  };
}

export class LexiconError extends Error {
  readonly code = 'CATEGORY_LEXICON_INVALID';
}

const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;

/** Whether every character of `word` is a letter or a digit (lexicon words never hold punctuation). */
export function isLexiconWord(word: string): boolean {
  const chars = Array.from(word);
  return chars.length > 0 && chars.every((ch) => WORD_CHARACTER.test(ch));
}

export function compileLexicon(words: readonly string[], options: ScanOptions): Lexicon {
  const charIds = new Map<number, number>();
  const seen = new Set<string>();
  for (const word of words) {
    if (!isLexiconWord(word)) throw new LexiconError(`category lexicon: ${JSON.stringify(word)} is not a word`);
    if (seen.has(word)) throw new LexiconError('category lexicon: a word appears twice');
    seen.add(word);
    for (const ch of word) {
      const point = ch.codePointAt(0)!;
      if (!charIds.has(point)) charIds.set(point, charIds.size + 1);
    }
  }
  const charBase = charIds.size + 1;
  let nodeCount = 1;
  for (const word of words) nodeCount += Array.from(word).length;
  if (nodeCount * charBase >= 2 ** 31 || words.length * words.length >= 2 ** 31) throw new LexiconError('category lexicon: too large');
  let capacityBits = 1;
  while (1 << capacityBits < nodeCount * 2) capacityBits++;
  const edges = new Int32Array(2 << capacityBits);
  const edgeShift = 32 - capacityBits;
  const wordAt = new Int32Array(nodeCount).fill(-1);
  let nodes = 1;
  words.forEach((word, w) => {
    let node = 0;
    for (const ch of word) {
      const key = node * charBase + charIds.get(ch.codePointAt(0)!)!;
      let child = lookup(edges, edgeShift, key);
      if (child < 0) insert(edges, edgeShift, key, (child = nodes++));
      node = child;
    }
    wordAt[node] = w;
  });
  const bmpCharIds = new Uint16Array(0x10000);
  for (const [point, id] of charIds) if (point <= 0xffff) bmpCharIds[point] = id;
  const rootChild = new Int32Array(charBase).fill(-1);
  for (let id = 1; id < charBase; id++) rootChild[id] = lookup(edges, edgeShift, id);
  const scan = { ids: new Int32Array(0), words: new Int32Array(0), wordCount: 0, pairs: new Int32Array(0), pairCount: 0 };
  return { words, options, charIds, bmpCharIds, edges, edgeShift, charBase, rootChild, wordAt: wordAt.subarray(0, nodes), scan };
}

/** The integer key of the pair (a, b) of word indices, as `scanLexicon` reports it. */
export function pairKey(lexicon: Lexicon, a: number, b: number): number {
  return a * lexicon.words.length + b;
}

/**
 * One pass over normalised text. Afterwards lexicon.scan holds, in `words[0, wordCount)`, the index of
 * every lexicon word occurrence and, in `pairs[0, pairCount)`, the `pairKey` of each two neighbouring
 * words of the forward-maximum-matching segmentation.
 */
export function scanLexicon(lexicon: Lexicon, normalised: string): void {
  const n = charIdsOf(lexicon, normalised);
  const scan = lexicon.scan;
  const { ids, words, pairs } = scan;
  const { edges, edgeShift, charBase, rootChild, wordAt } = lexicon;
  const size = lexicon.words.length;
  let wordCount = 0;
  let pairCount = 0;
  let previous = -1;
  let segmentEnd = 0;
  const within = lexicon.options.subwords === 'within';
  const minSubword = lexicon.options.minSubword;
  for (let i = 0; i < n; i++) {
    const starts = i === segmentEnd;
    // occurrences must end by `limit` to be reported (a segment's own subwords, in 'within' mode)
    const limit = starts || !within ? n : segmentEnd;
    // each occurrence is reported once the next, longer one is found: the longest, found last, is the
    // segment's word when a segment starts here
    let longest = -1;
    let longestEnd = i + 1;
    const first = ids[i]!;
    let node = first === 0 ? -1 : rootChild[first]!;
    for (let j = i; node >= 0; ) {
      const w = wordAt[node]!;
      if (w >= 0) {
        if (longest >= 0 && longestEnd - i >= minSubword) words[wordCount++] = longest;
        longest = w;
        longestEnd = j + 1;
      }
      if (++j >= limit) break;
      const id = ids[j]!;
      if (id === 0) break;
      node = lookup(edges, edgeShift, node * charBase + id);
    }
    if (longest >= 0 && (starts || longestEnd - i >= minSubword)) words[wordCount++] = longest;
    if (!starts) continue;
    if (longest >= 0 && previous >= 0) pairs[pairCount++] = previous * size + longest;
    previous = longest;
    segmentEnd = longestEnd;
  }
  scan.wordCount = wordCount;
  scan.pairCount = pairCount;
}

/** Fills the scan's character ids (growing its buffers to the text); returns how many characters. */
function charIdsOf(lexicon: Lexicon, normalised: string): number {
  const scan = lexicon.scan;
  if (scan.ids.length < normalised.length) {
    // a text of n characters has at most n pairs, and at most n × (the longest word) word occurrences
    const capacity = Math.max(64, normalised.length * 2);
    let longest = 0;
    for (const word of lexicon.words) longest = Math.max(longest, word.length);
    scan.ids = new Int32Array(capacity);
    scan.words = new Int32Array(capacity * Math.max(1, longest));
    scan.pairs = new Int32Array(capacity);
  }
  const ids = scan.ids;
  let n = 0;
  for (let i = 0; i < normalised.length; i++) {
    const unit = normalised.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) {
      ids[n++] = lexicon.bmpCharIds[unit]!;
      continue;
    }
    const point = normalised.codePointAt(i)!;
    if (point > 0xffff) i++;
    ids[n++] = lexicon.charIds.get(point) ?? 0;
  }
  return n;
}

/** Separates the two words of a word pair; whitespace never survives normalisation. */
export const WORD_JOINER = ' ';

/** The scan's features of normalised text as token → count (words, and pairs joined by WORD_JOINER). */
export function lexiconFeatures(lexicon: Lexicon, normalised: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (token: string) => counts.set(token, (counts.get(token) ?? 0) + 1);
  scanLexicon(lexicon, normalised);
  const { words, wordCount, pairs, pairCount } = lexicon.scan;
  const size = lexicon.words.length;
  for (let j = 0; j < wordCount; j++) add(lexicon.words[words[j]!]!);
  for (let j = 0; j < pairCount; j++) add(lexicon.words[Math.floor(pairs[j]! / size)]! + WORD_JOINER + lexicon.words[pairs[j]! % size]!);
  return counts;
}

function slotOf(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

function insert(table: Int32Array, shift: number, key: number, value: number): void {
  const mask = (table.length >> 1) - 1;
  let slot = slotOf(key, shift);
  while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
  table[2 * slot] = key;
  table[2 * slot + 1] = value;
}

function lookup(table: Int32Array, shift: number, key: number): number {
  const mask = (table.length >> 1) - 1;
  for (let slot = slotOf(key, shift); ; slot = (slot + 1) & mask) {
    const found = table[2 * slot]!;
    if (found === key) return table[2 * slot + 1]!;
    if (found === 0) return -1;
  }
}
