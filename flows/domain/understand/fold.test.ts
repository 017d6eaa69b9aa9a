import { describe, expect, it } from 'vitest';
import { foldToSimplified, normaliseForMatching } from './fold.ts';

describe('foldToSimplified', () => {
  it('folds the traditional characters of Beijing place names', () => {
    expect(foldToSimplified('海澱區')).toBe('海淀区');
    expect(foldToSimplified('回龍觀鎮')).toBe('回龙观镇');
    expect(foldToSimplified('豐臺區東鐵匠營')).toBe('丰台区东铁匠营');
    expect(foldToSimplified('順義區、懷柔區、門頭溝區')).toBe('顺义区、怀柔区、门头沟区');
    expect(foldToSimplified('北京經濟技術開發區')).toBe('北京经济技术开发区');
  });

  it('folds the words of an everyday complaint', () => {
    expect(foldToSimplified('樓上噪聲擾民，請儘快處理，電話號碼在下面')).toBe('楼上噪声扰民，请尽快处理，电话号码在下面');
  });

  it('keeps simplified text and the length unchanged', () => {
    const text = '朝阳区望京街道3号楼';
    expect(foldToSimplified(text)).toBe(text);
    expect(foldToSimplified('臺灣同胞').length).toBe(4);
  });
});

describe('normaliseForMatching', () => {
  it('folds full-width digits and letters to half-width, index for index', () => {
    expect(normaliseForMatching('電話：１３８ ＯＫ')).toBe('电话:138 OK');
  });
});
