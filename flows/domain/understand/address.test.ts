import { describe, expect, it } from 'vitest';
import { findAddress } from './address.ts';

describe('findAddress', () => {
  it('reads the estate and building after the district and street', () => {
    expect(findAddress('朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222')).toBe(
      '花家地北里3号楼',
    );
  });

  it('keeps a road named after a street as part of the address', () => {
    expect(findAddress('海淀区中关村大街27号门口')).toBe('中关村大街27号');
    expect(findAddress('海淀区学院路30号院里')).toBe('学院路30号院');
  });

  it('keeps a neighbourhood name written as part of the estate name', () => {
    expect(findAddress('住在回龙观龙泽苑东区12号楼2单元')).toBe('回龙观龙泽苑东区12号楼2单元');
    expect(findAddress('望京西园三区5号楼着火了')).toBe('望京西园三区5号楼');
  });

  it('drops a street named in full in front of the estate', () => {
    expect(findAddress('昌平区回龙观街道龙泽苑东区12号楼')).toBe('龙泽苑东区12号楼');
  });

  it.each([
    ['枣营北里12号楼门口漏水', '枣营北里12号楼'],
    ['天通苑东三区7号楼3单元楼道灯不亮', '天通苑东三区7号楼3单元'],
    ['丰台区方庄芳群园三区5号楼的电梯坏了', '方庄芳群园三区5号楼'],
    ['通州區梨園鎮雲景里小區8號樓', '云景里小区8号楼'],
  ])('reads an estate and its building number in %s', (text, address) => {
    expect(findAddress(text)).toBe(address);
  });

  it('keeps a street name that is the estate name itself', () => {
    expect(findAddress('昌平区天通苑北一区3号楼')).toBe('天通苑北一区3号楼');
  });

  it('finds an address without a number when a locality word ends it', () => {
    expect(findAddress('我家在幸福小区，电梯又坏了')).toBe('幸福小区');
    expect(findAddress('东城区帽儿胡同里堆满了杂物')).toBe('帽儿胡同');
    expect(findAddress('通州区梨园镇大稿村')).toBe('大稿村');
    expect(findAddress('住在朝阳区光华路')).toBe('光华路');
  });

  it('keeps a bare building number', () => {
    expect(findAddress('3号楼下的垃圾没人清理')).toBe('3号楼');
  });

  it('does not take dates, subway lines or common words for an address', () => {
    expect(findAddress('5月3号开始一直停水')).toBeUndefined();
    expect(findAddress('坐5号线过去要一个小时')).toBeUndefined();
    expect(findAddress('门口的马路上全是坑')).toBeUndefined();
    expect(findAddress('小区门口路灯坏了')).toBeUndefined();
    expect(findAddress('非常感谢社区的帮助')).toBeUndefined();
    expect(findAddress('燃气费太贵了')).toBeUndefined();
  });

  it('takes the reply less place names as the address when the bot asked for it', () => {
    expect(findAddress('在朝阳区望京soho塔2', { expectingAddress: true })).toBe('soho塔2');
    expect(findAddress('就在枣营北里那边', { expectingAddress: true })).toBe('枣营北里');
    expect(findAddress('朝阳区望京街道', { expectingAddress: true })).toBeUndefined();
    expect(findAddress('不知道', { expectingAddress: true })).toBeUndefined();
  });

  it('reads traditional characters and returns the address simplified', () => {
    expect(findAddress('海澱區中關村大街27號門口')).toBe('中关村大街27号');
  });
});
