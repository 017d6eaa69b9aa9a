import { describe, expect, it } from 'vitest';
import { chooseStreet, findPlaces } from './place-finder.ts';
import type { StreetRef } from './place-finder.ts';

describe('findPlaces', () => {
  it('finds the street and district in a full address', () => {
    const text = '朝阳区望京街道花家地北里3号楼下垃圾桶满了';
    const match = findPlaces(text);
    expect(match.district).toEqual({ code: '110105', name: '朝阳区' });
    expect(match.street).toEqual({ code: '110105026', name: '望京街道', districtCode: '110105', district: '朝阳区' });
    expect(text.slice(match.end)).toBe('花家地北里3号楼下垃圾桶满了');
  });

  it('recognises full names anywhere in the message', () => {
    expect(findPlaces('我们这边是南磨房地区的老小区').street?.name).toBe('南磨房地区');
    expect(findPlaces('家在海淀区，离地铁不远').district?.name).toBe('海淀区');
  });

  it('takes an old unit suffix as the same township (回龙观镇 is now 回龙观街道)', () => {
    const match = findPlaces('我住回龙观镇');
    expect(match.street?.name).toBe('回龙观街道');
    expect(match.district?.name).toBe('昌平区');
  });

  it('recognises a short district name anywhere', () => {
    expect(findPlaces('我在石景山上班').district?.name).toBe('石景山区');
    expect(findPlaces('顺义这边的路灯不亮').district?.code).toBe('110113');
  });

  it('accepts a short street name right after a district', () => {
    const match = findPlaces('朝阳望京这边的小区');
    expect(match.street?.name).toBe('望京街道');
    expect(match.end).toBe(4);
  });

  it('recognises an everyday neighbourhood name with no district before it (回龙观, 望京)', () => {
    expect(findPlaces('回龙观龙泽苑东区有个井盖坏了').street?.name).toBe('回龙观街道');
    expect(findPlaces('我家在望京，楼下烧烤太吵').street).toEqual({
      code: '110105026',
      name: '望京街道',
      districtCode: '110105',
      district: '朝阳区',
    });
    expect(findPlaces('潘家园那个市场门口全是垃圾').street?.name).toBe('潘家园街道');
  });

  it('reads a less known short name as a place only when the sentence puts it in one', () => {
    expect(findPlaces('住在鲁谷').street?.name).toBe('鲁谷街道');
    expect(findPlaces('长阳那边的公交太少').street?.name).toBe('长阳镇');
    expect(findPlaces('长阳半岛3号楼').street?.name).toBe('长阳镇');
    expect(findPlaces('长阳的水果不错')).toEqual({ end: -1 });
  });

  it('does not read everyday words or names of other places as streets (八角, 梨园, 十里堡, 上地下室)', () => {
    expect(findPlaces('炖肉放了八角很香')).toEqual({ end: -1 });
    expect(findPlaces('去梨园听戏')).toEqual({ end: -1 });
    // 十里堡 is a town in 密云 and also an area of 朝阳: it needs a district to decide.
    expect(findPlaces('十里堡那边')).toEqual({ end: -1 });
    expect(findPlaces('密云区十里堡镇').street?.code).toBe('110118103');
    expect(findPlaces('我要上地下室拿东西')).toEqual({ end: -1 });
  });

  it('offers both the township and the development zone for a bare 亦庄', () => {
    const match = findPlaces('我在亦庄上班');
    expect(match.district?.name).toBe('大兴区');
    expect(match.candidates?.map((c) => c.name)).toEqual(['亦庄地区', '北京经济技术开发区']);
    expect(findPlaces('亦庄镇').street?.name).toBe('亦庄地区');
    expect(findPlaces('亦庄开发区的路灯坏了').street?.name).toBe('北京经济技术开发区');
  });

  it('finds a street named in full without its district', () => {
    expect(findPlaces('酒仙桥街道的垃圾站满了').street?.district).toBe('朝阳区');
    expect(findPlaces('学院路街道这边').district?.name).toBe('海淀区');
    expect(findPlaces('我們在回龍觀鎮').street?.name).toBe('回龙观街道');
  });

  it('accepts a short street name when the bot asked where', () => {
    const match = findPlaces('回龙观', { expectingPlace: true });
    expect(match.street?.code).toBe('110114011');
    expect(match.district?.name).toBe('昌平区');
  });

  it('offers both streets when a name exists in two districts', () => {
    const match = findPlaces('八里庄街道');
    expect(match.street).toBeUndefined();
    expect(match.candidates?.map((c) => c.district)).toEqual(['朝阳区', '海淀区']);
  });

  it('lets a district mention decide between streets of the same name', () => {
    const match = findPlaces('海淀区八里庄街道');
    expect(match.street).toEqual({ code: '110108005', name: '八里庄街道', districtCode: '110108', district: '海淀区' });
    expect(match.candidates).toBeUndefined();
  });

  it('offers the street as a candidate when the district contradicts it', () => {
    const match = findPlaces('朝阳区回龙观街道');
    expect(match.street).toBeUndefined();
    expect(match.district).toBeUndefined();
    expect(match.candidates).toEqual([
      { code: '110114011', name: '回龙观街道', districtCode: '110114', district: '昌平区' },
    ]);
  });

  it('prefers the district that fits the street when two districts are named', () => {
    const match = findPlaces('我住在海淀区，在朝阳区望京街道上班');
    expect(match.street?.name).toBe('望京街道');
    expect(match.district?.name).toBe('朝阳区');
  });

  it('keeps the district said last, and ignores one said as "not"', () => {
    expect(findPlaces('不是海淀区，是朝阳区').district?.name).toBe('朝阳区');
    expect(findPlaces('是朝阳区，不是海淀区').district?.name).toBe('朝阳区');
    expect(findPlaces('鲁谷？不对 八角南里社区 3号楼', { expectingPlace: true }).street?.name).toBe('八角街道');
  });

  it('does not place the case where the road leads (往斋堂走, 霍营方向)', () => {
    expect(findPlaces('门头沟大台街道 109国道 往斋堂走 过了大台隧道没多远 护栏撞坏了').street?.name).toBe('大台街道');
    expect(findPlaces('就是回龙观华联商厦 西边那个天桥 霍营方向', { expectingPlace: true }).street?.name).toBe('回龙观街道');
  });

  it('places a landmark named after a street where the citizen says it is (丰台的天坛医院)', () => {
    expect(findPlaces('就天坛医院啊 丰台那个新的', { expectingPlace: true }).district?.name).toBe('丰台区');
    expect(findPlaces('丰台的天坛医院').candidates).toBeUndefined();
  });

  it('reads a bare stem after a street named in full as part of an estate (滨河街道金海湖小区)', () => {
    const match = findPlaces('平谷区滨河街道金海湖小区 工厂夜里作业噪音太大');
    expect(match.street?.name).toBe('滨河街道');
    expect(match.candidates).toBeUndefined();
  });

  it('settles the district when all candidate streets lie in it (天通苑)', () => {
    const match = findPlaces('天通苑', { expectingPlace: true });
    expect(match.district?.name).toBe('昌平区');
    expect(match.candidates?.map((c) => c.name)).toEqual(['天通苑北街道', '天通苑南街道']);
  });

  it('finds no place in a message about fees', () => {
    expect(findPlaces('燃气费太贵了')).toEqual({ end: -1 });
  });

  it('does not read 大兴土木 (large-scale building works) as 大兴区', () => {
    expect(findPlaces('楼上邻居天天大兴土木，吵得睡不着')).toEqual({ end: -1 });
    expect(findPlaces('大兴区旧宫镇').district?.name).toBe('大兴区');
  });

  it('does not turn other words into places (上地铁, 东四环, 朝阳门)', () => {
    expect(findPlaces('海淀区的居民每天上地铁都很挤').street).toBeUndefined();
    expect(findPlaces('朝阳区东四环边上的辅路').street).toBeUndefined();
    // 朝阳门 is a gate in 东城区: a longer name hides 朝阳 inside it.
    expect(findPlaces('朝阳门外大街有个井盖坏了')).toEqual({ end: -1 });
    expect(findPlaces('东城区朝阳门附近').street?.district).toBe('东城区');
    // 九龙山 is an area of 双井, not 怀柔's 龙山.
    expect(findPlaces('双井九龙山那边有人搭彩钢房').street?.name).toBe('双井街道');
  });

  it('never reads a common-word stem as a street while scanning', () => {
    expect(findPlaces('朝阳区这边的平房漏雨了').street).toBeUndefined();
    expect(findPlaces('丰台区新村那边').street).toBeUndefined();
    expect(findPlaces('房山区城关有个市场').street).toBeUndefined();
  });

  it('takes a common-word stem that is the whole answer to "which street?"', () => {
    expect(findPlaces('光明', { expectingPlace: true }).street?.name).toBe('光明街道');
    expect(findPlaces('在东风那边', { expectingPlace: true }).candidates?.map((c) => c.name)).toEqual([
      '东风地区',
      '东风街道',
    ]);
  });

  it('still recognises the full name of a common-word township', () => {
    expect(findPlaces('平房地区').street?.code).toBe('110105029');
    expect(findPlaces('丰台区新村街道').street?.code).toBe('110106010');
  });

  it('reads traditional characters (海澱區, 回龍觀鎮)', () => {
    expect(findPlaces('海澱區').district).toEqual({ code: '110108', name: '海淀区' });
    expect(findPlaces('我住回龍觀鎮').street?.name).toBe('回龙观街道');
    expect(findPlaces('東城區').district?.name).toBe('东城区');
  });

  it('treats a district stem said alone as the district, not the same-named street', () => {
    // 海淀街道 exists, but 海淀 alone means the district.
    expect(findPlaces('我在海淀').street).toBeUndefined();
    expect(findPlaces('海淀区海淀街道').street?.code).toBe('110108012');
  });

  it('does not let a road named after a street decide the street', () => {
    const text = '海淀区中关村大街27号门口';
    const match = findPlaces(text);
    expect(match.district?.name).toBe('海淀区');
    expect(match.street).toBeUndefined();
    expect(text.slice(match.end)).toBe('中关村大街27号门口');
  });

  it('knows the economic development zone by its everyday name', () => {
    expect(findPlaces('我在经开区上班').street?.name).toBe('北京经济技术开发区');
  });
  it('takes a route between two places as the first place, not a choice among both (从天通苑到望京)', () => {
    const route = findPlaces('建议加开一条从天通苑到望京的公交 早高峰5号线挤不上去');
    expect(route.candidates?.map((c) => c.name)).toEqual(['天通苑北街道', '天通苑南街道']);
    expect(route.district?.name).toBe('昌平区');
    expect(findPlaces('从回龙观到望京的公交太少了').street?.name).toBe('回龙观街道');
    expect(findPlaces('回龙观到西直门的地铁太挤').street?.name).toBe('回龙观街道');
  });

  it('reads a district stem in a landmark’s name (朝阳医院) without letting it outweigh where the citizen lives', () => {
    expect(findPlaces('在朝阳医院看的 我住东城', { expectingPlace: true }).district?.name).toBe('东城区');
  });

  it('knows a few everyday area names: 国贸 is 建外街道', () => {
    expect(findPlaces('国贸那边的天桥电梯坏了').street).toEqual({ code: '110105001', name: '建外街道', districtCode: '110105', district: '朝阳区' });
  });

  it('offers the plausible streets for an area that spans several (五道口, 西二旗), with the district settled', () => {
    const wudaokou = findPlaces('五道口华清嘉园北边那条小路路灯坏了');
    expect(wudaokou.district?.name).toBe('海淀区');
    expect(wudaokou.candidates?.map((c) => c.name)).toEqual(['学院路街道', '东升地区']);
    const xierqi = findPlaces('西二旗地铁站B口那共享单车堆成山了');
    expect(xierqi.district?.name).toBe('海淀区');
    expect(xierqi.candidates?.map((c) => c.name)).toEqual(['上地街道', '西北旺地区', '清河街道']);
  });
});

describe('chooseStreet', () => {
  const yizhuang: StreetRef[] = findPlaces('亦庄').candidates ?? [];
  const tiantongyuan: StreetRef[] = findPlaces('天通苑', { expectingPlace: true }).candidates ?? [];
  const text = '开发区 经海路和科创十三街交叉口那个工地';

  it('picks the option a part of whose name the answer says (开发区 → 北京经济技术开发区)', () => {
    const choice = chooseStreet(text, yizhuang);
    expect(choice?.street.name).toBe('北京经济技术开发区');
    expect(text.slice(choice?.start, choice?.end)).toBe('开发区');
    expect(chooseStreet('亦庄镇那边', yizhuang)?.street.name).toBe('亦庄地区');
    expect(chooseStreet('大兴区 北京经济技术开发区', yizhuang)?.street.name).toBe('北京经济技术开发区');
    expect(chooseStreet('天通苑北', tiantongyuan)?.street.name).toBe('天通苑北街道');
    expect(chooseStreet('南街道的', tiantongyuan)?.street.name).toBe('天通苑南街道');
  });

  it('picks by the side said when the options differ by their side (北边那个 → 天通苑北)', () => {
    expect(chooseStreet('北边那个吧 东三区', tiantongyuan)?.street.name).toBe('天通苑北街道');
    expect(chooseStreet('南面的', tiantongyuan)?.street.name).toBe('天通苑南街道');
    expect(chooseStreet('东边', tiantongyuan)).toBeUndefined();
  });

  it('picks by district only when one option lies in it', () => {
    const balizhuang = findPlaces('八里庄街道').candidates ?? [];
    expect(chooseStreet('海淀的', balizhuang)?.street.district).toBe('海淀区');
    expect(chooseStreet('昌平', tiantongyuan)).toBeUndefined();
  });

  it('picks nothing from an answer that names no option', () => {
    expect(chooseStreet('天通苑到望京 都有', tiantongyuan)).toBeUndefined();
    expect(chooseStreet('嗯', yizhuang)).toBeUndefined();
    expect(chooseStreet('北京', yizhuang)).toBeUndefined();
    // Another street named in full is the answer itself, not a pick among the options.
    expect(chooseStreet('开发区那边的 荣华街道', yizhuang)).toBeUndefined();
  });
});
