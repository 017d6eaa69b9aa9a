import { describe, expect, it } from 'vitest';
import { chooseLexicon, jiebaWords } from './lexicon.ts';

describe('jiebaWords', () => {
  it('gives the distinct search-mode words of a message, without punctuation', () => {
    const words = jiebaWords('公积金，公积金怎么提取');
    expect(words).toContain('公积金');
    expect(words).toContain('公积');
    expect(words.filter((w) => w === '公积金')).toHaveLength(1);
    expect(words.some((w) => /[，,]/.test(w))).toBe(false);
    expect(jiebaWords('')).toEqual([]);
  });

  it('shares the one jieba of the process with knowledge search (jieba refuses a second load)', async () => {
    const { wordTerms } = await import('../../knowledge/search/tokenise.ts');
    expect(wordTerms('公积金怎么提取')).toContain('公积金');
    expect(jiebaWords('公积金怎么提取')).toContain('公积金');
  });
});

describe('chooseLexicon', () => {
  const docs = [['甲', '乙'], ['甲', '丙'], ['甲', '乙'], ['丁']];

  it('keeps the words of at least minDf training messages, in code-unit order', () => {
    expect(chooseLexicon(docs, [0, 1, 2, 3], 2)).toEqual(['乙', '甲'].sort());
    expect(chooseLexicon(docs, [0, 1, 2, 3], 1)).toEqual(['丁', '丙', '乙', '甲'].sort());
  });

  it('reads only the training messages and keeps the most frequent when capped', () => {
    expect(chooseLexicon(docs, [1, 3], 1)).toEqual(['丁', '丙', '甲'].sort());
    expect(chooseLexicon(docs, [0, 1, 2, 3], 1, 2)).toEqual(['乙', '甲'].sort());
  });
});
