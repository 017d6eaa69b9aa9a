import { describe, expect, it } from 'vitest';
import { extractFeatures, LEAD_TAG, normaliseForCategory } from './features.ts';

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
