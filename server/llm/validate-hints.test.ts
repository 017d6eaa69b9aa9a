import { describe, expect, it } from 'vitest';
import { resolveDistrict, resolvePlace } from './places.ts';
import { hintsFromAnswer, maskLongNumbers } from './validate-hints.ts';

const names = (place: ReturnType<typeof resolvePlace>) => ({ district: place.district?.name, street: place.street?.name });

describe('places a model names', () => {
  it('reads a district however it is written', () => {
    for (const written of ['朝阳', '朝阳区', '北京市朝阳区', '北京朝阳', ' 朝陽區 ']) expect(resolveDistrict(written)?.name).toBe('朝阳区');
    expect(resolveDistrict('密云县')?.name).toBe('密云区');
  });

  it('knows no district outside Beijing', () => {
    for (const written of ['浦东新区', '朝阳市', '', '区']) expect(resolveDistrict(written)).toBeUndefined();
  });

  it('reads a street by its full name, its stem or an old suffix, and adds its district', () => {
    expect(names(resolvePlace(undefined, '望京'))).toEqual({ district: '朝阳区', street: '望京街道' });
    expect(names(resolvePlace(undefined, '望京街道办事处'))).toEqual({ district: '朝阳区', street: '望京街道' });
    expect(names(resolvePlace(undefined, '回龙观镇'))).toEqual({ district: '昌平区', street: '回龙观街道' });
    expect(names(resolvePlace(undefined, '于家务乡'))).toEqual({ district: '通州区', street: '于家务回族乡' });
    expect(names(resolvePlace(undefined, '北京经济技术开发区'))).toEqual({ district: '大兴区', street: '北京经济技术开发区' });
  });

  it('reads a street written after its district', () => {
    expect(names(resolvePlace(undefined, '朝阳区望京街道'))).toEqual({ district: '朝阳区', street: '望京街道' });
    expect(names(resolvePlace('朝阳区', '朝阳望京'))).toEqual({ district: '朝阳区', street: '望京街道' });
  });

  it('does not mistake a street that begins like a district for that district', () => {
    expect(names(resolvePlace(undefined, '朝阳门街道'))).toEqual({ district: '东城区', street: '朝阳门街道' });
    expect(names(resolvePlace('东城', '朝阳门'))).toEqual({ district: '东城区', street: '朝阳门街道' });
  });

  it('keeps no place when the street lies in another district than the one named or known', () => {
    expect(resolvePlace('海淀区', '望京街道')).toEqual({});
    expect(resolvePlace(undefined, '望京', '海淀区')).toEqual({});
    expect(resolvePlace('海淀区', '朝阳区望京街道')).toEqual({});
  });

  it('keeps the district when the street is unknown or could be one of several', () => {
    expect(names(resolvePlace('朝阳区', '幸福街道'))).toEqual({ district: '朝阳区', street: undefined });
    expect(resolvePlace(undefined, '八里庄')).toEqual({});
    expect(names(resolvePlace('海淀', '八里庄'))).toEqual({ district: '海淀区', street: '八里庄街道' });
    expect(names(resolvePlace(undefined, '东风', '房山区'))).toEqual({ district: '房山区', street: '东风街道' });
  });
});

describe('long numbers', () => {
  it('masks phone numbers in every common form', () => {
    for (const phone of ['13811112222', '138-1111-2222', '138 1111 2222', '+86 138 1111 2222', '010-68881234', '6888 1234', '１３８１１１１２２２']) {
      expect(maskLongNumbers(`电话${phone}，谢谢`)).toBe('电话[号码]，谢谢');
    }
  });

  it('leaves building numbers, dates and counts alone', () => {
    for (const text of ['望京西园三区5号楼2单元501', '2024年3月5日', '三天了，10 户受影响']) expect(maskLongNumbers(text)).toBe(text);
  });
});

describe('hints from an answer', () => {
  const text = '我姓王，海淀区八里庄街道某小区1号楼的电梯坏了';

  it('returns nothing when the answer says nothing', () => {
    expect(hintsFromAnswer({ kind: null, district: null, name: null }, text)).toBeUndefined();
    expect(hintsFromAnswer({ description: '   ' }, text)).toBeUndefined();
  });

  it('trims, flattens and caps free text', () => {
    const hints = hintsFromAnswer({ description: `\u200b电梯\n坏了${'很久'.repeat(400)}` }, text);
    expect(hints?.description?.startsWith('电梯 坏了很久')).toBe(true);
    expect(Array.from(hints?.description ?? '')).toHaveLength(500);
  });

  it('takes the address below the street when the citizen wrote it', () => {
    expect(hintsFromAnswer({ address: '海淀区八里庄街道某小区1号楼' }, text)).toEqual({ address: '某小区1号楼' });
    expect(hintsFromAnswer({ address: '某小区 1号楼' }, text)).toEqual({ address: '某小区 1号楼' });
    expect(hintsFromAnswer({ address: '某小区2号楼' }, text)).toBeUndefined();
  });
});
