import { describe, expect, it } from 'vitest';
import { findTimeExpressions, locateTimeSpans } from './time.ts';

describe('findTimeExpressions', () => {
  it.each([
    ['楼上半夜两点还在装修', ['半夜两点']],
    ['垃圾堆在门口三天了', ['三天了']],
    ['广场舞每天晚上都放到十点多', ['每天晚上', '十点多']],
    ['上周五开始就停水了', ['上周五开始']],
    ['从上个月开始工资就没发', ['从上个月开始']],
    ['昨天晚上十点到凌晨两点一直在施工', ['昨天晚上十点到凌晨两点']],
    ['2024年3月15日下午物业来过一次', ['2024年3月15日下午']],
    ['等了四十分钟一辆公交都没来', ['四十分钟']],
    ['暖气好几个月了都不热', ['好几个月了']],
    ['入冬以来暖气就没热过', ['入冬以来']],
    ['早上7:30准时开始打桩', ['早上7:30']],
    ['這兩天樓下天天吵到淩晨', ['這兩天', '天天', '淩晨']],
  ])('finds the time in %s', (text, times) => {
    expect(findTimeExpressions(text)).toEqual(times);
  });

  it('keeps a time phrase together with 以后 / 左右', () => {
    expect(findTimeExpressions('晚上十一点以后还有人唱歌')).toEqual(['晚上十一点以后']);
    expect(findTimeExpressions('大概下午三点左右停的电')).toEqual(['下午三点左右']);
  });

  it('does not take addresses, phones, grades or amounts for times', () => {
    expect(findTimeExpressions('3号楼502室，电话13811112222')).toEqual([]);
    expect(findTimeExpressions('孩子上三年级')).toEqual([]);
    expect(findTimeExpressions('老人今年八十岁')).toEqual(['今年']);
    expect(findTimeExpressions('声音能不能小一点')).toEqual([]);
    expect(findTimeExpressions('我有三点建议')).toEqual([]);
  });

  it('gives the places of the phrases in the original text', () => {
    const text = '從上個月開始每天半夜都吵';
    const spans = locateTimeSpans(text);
    expect(spans.map((s) => s.text)).toEqual(['從上個月開始', '每天半夜']);
    expect(spans.every((s) => text.slice(s.start, s.end) === s.text)).toBe(true);
  });
});
