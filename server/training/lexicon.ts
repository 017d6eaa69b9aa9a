/**
 * The word model's lexicon, chosen from the training messages only: jieba's search-mode words of the
 * normalised text (punctuation dropped) seen in at least `minDf` messages. jieba runs here, at training
 * time; the bot scans with the chosen lexicon (`flows/domain/classify/lexicon.ts`) and never loads it.
 */
import { isLexiconWord } from '../../flows/domain/classify/lexicon.ts';
import { loadJieba } from '../../flows/domain/understand/jieba.ts';

/** The distinct jieba search-mode words of one normalised message. */
export function jiebaWords(normalised: string): string[] {
  if (normalised === '') return [];
  return [...new Set(loadJieba().cutForSearch(normalised, false).filter(isLexiconWord))];
}

/**
 * Words found in at least `minDf` of the training messages; at most `max` of them (the most frequent,
 * ties by text), in code-unit order so the artifact is reproducible.
 */
export function chooseLexicon(wordsOf: readonly (readonly string[])[], training: readonly number[], minDf: number, max = Infinity): string[] {
  const df = new Map<string, number>();
  for (const i of training) for (const word of wordsOf[i]!) df.set(word, (df.get(word) ?? 0) + 1);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...df]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => b[1] - a[1] || order(a[0], b[0]))
    .slice(0, max)
    .map(([word]) => word)
    .sort(order);
}
