import { describe, expect, it } from 'vitest';
import { extractFeatures, extractWordFeatures, LEAD_TAG, normaliseForCategory, WORD_JOINER } from './features.ts';

describe('normaliseForCategory', () => {
  it.each([
    ['A3区的路灯不亮', 'Ｘ区的路灯不亮'],
    ['K6县和C4市', 'Ｘ县和Ｘ市'],
    ['海淀区学院路', 'Ｘ区学院路'],
    ['北京市朝阳区望京', 'Ｘ市Ｘ区望京'],
    ['朝阳路上的早点铺', '朝阳路上的早点铺'],
    ['欠了 3 个月，共12000.50元', '欠了0个月,共0元'],
    ['ＡＢＣ电話　１２３', 'abc电话0'],
  ])('turns %s into %s', (text, normalised) => {
    expect(normaliseForCategory(text)).toBe(normalised);
  });
});

describe('extractFeatures', () => {
  it('counts character unigrams and bigrams', () => {
    expect(Object.fromEntries(extractFeatures('公交公交', { maxN: 2, lead: 0 }))).toEqual({ 公: 2, 交: 2, 公交: 2, 交公: 1 });
  });

  it('tags the n-grams of the opening characters apart', () => {
    const counts = extractFeatures('噪音扰民', { maxN: 2, lead: 2 });
    expect(counts.get(`${LEAD_TAG}噪音`)).toBe(1);
    expect(counts.get(`${LEAD_TAG}噪`)).toBe(1);
    expect(counts.get(`${LEAD_TAG}扰`)).toBeUndefined();
    expect(counts.get('扰民')).toBe(1);
  });
});

describe('extractWordFeatures', () => {
  it('counts jieba search-mode words and neighbouring pairs, without punctuation', () => {
    const counts = extractWordFeatures('公积金，公积金');
    expect(counts.get('公积金')).toBe(2);
    expect(counts.get('公积')).toBe(2);
    expect(counts.get(`公积金${WORD_JOINER}公积`)).toBe(1);
    expect([...counts.keys()].some((k) => /[，,]/.test(k))).toBe(false);
  });

  it('shares the one jieba of the process with knowledge search (jieba refuses a second load)', async () => {
    const { wordTerms } = await import('../../../knowledge/search/tokenise.ts');
    expect(wordTerms('公积金怎么提取')).toContain('公积金');
    expect(extractWordFeatures('公积金怎么提取').get('公积金')).toBe(1);
  });

  it('reads the same normalised text as the n-gram features', () => {
    expect(extractWordFeatures('Ａ3区的路灯')).toEqual(extractWordFeatures('Ｘ区的路灯'));
    expect(extractWordFeatures('')).toEqual(new Map());
  });
});
