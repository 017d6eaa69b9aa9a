/**
 * Chinese text → search terms: words from jieba (search mode, so 公积金 also yields 公积/积金) and
 * character bigrams, after folding traditional characters, full-width forms and synonyms.
 * jieba's native module and dictionary load on first use, never on import.
 */
import { normaliseForMatching } from '../../flows/domain/understand/fold.ts';
import { loadJieba } from '../../flows/domain/understand/jieba.ts';
import { applySynonyms } from './synonyms.ts';

// Question words and particles: present in every question and in no answer, they only add noise.
const STOP_WORDS = new Set(
  ('的 了 吗 呢 吧 啊 呀 么 我 你 您 他 她 它 我们 你们 是 在 有 和 与 及 或 都 也 就 还 又 要 想 请 请问 问 问一下 一下 ' +
    '怎么 怎么办 怎样 怎么样 如何 什么 啥 哪 哪里 哪儿 哪些 哪个 多少 几 吗 能不能 能否 可以 可不可以 是否 需要 应该 ' +
    '这 那 这个 那个 个 些 被 把 给 让 对 从 到 为 为了 因为 所以 如果 但是 而且 并 等 其 之 以 于 ' +
    '帮 帮我 帮忙 一个 现在 已经 知道 告诉 谢谢 你好 您好'
  ).split(' ')
    .filter(Boolean),
);

const WORD_CHAR = /[\p{Script=Han}\p{L}\p{N}]/u;

/** The form every text takes before tokenising: simplified, half-width, lower case, synonyms folded. */
export function normaliseText(text: string): string {
  return applySynonyms(normaliseForMatching(text).toLowerCase());
}

/** jieba search-mode words of normalised text, without stop words and punctuation. */
export function wordTerms(normalised: string): string[] {
  if (normalised.trim() === '') return [];
  return loadJieba()
    .cutForSearch(normalised, true)
    .map((w) => w.trim())
    .filter((w) => w !== '' && WORD_CHAR.test(w) && !STOP_WORDS.has(w));
}

/** jieba's precise cut (no search-mode sub-words) of normalised text, without stop words and punctuation. */
export function preciseWordTerms(normalised: string): string[] {
  if (normalised.trim() === '') return [];
  return loadJieba()
    .cut(normalised, true)
    .map((w) => w.trim())
    .filter((w) => w !== '' && WORD_CHAR.test(w) && !STOP_WORDS.has(w));
}

/**
 * Overlapping character pairs within each run of letters and digits. A run of one character is kept as
 * it is, so a one-character query still has a term.
 */
export function bigramTerms(normalised: string, forQuery = false): string[] {
  const out: string[] = [];
  for (const run of normalised.split(/[^\p{Script=Han}\p{L}\p{N}]+/u)) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) {
      const gram = chars[i]! + chars[i + 1]!;
      if (!forQuery || !STOP_WORDS.has(gram)) out.push(gram);
    }
  }
  return out;
}
