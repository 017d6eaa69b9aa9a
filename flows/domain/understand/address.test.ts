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

  it('keeps an estate and its building together across a space or 那个 (重聚园小区 7号楼)', () => {
    expect(findAddress('鲁谷东街那个重聚园小区 7号楼楼道灯坏了半个月了')).toBe('鲁谷东街的重聚园小区 7号楼');
    expect(findAddress('我家在回龙观龙泽苑东区 12号楼 暖气不热')).toBe('回龙观龙泽苑东区 12号楼');
    expect(findAddress('朝阳区望京西园三区 212号楼门口垃圾没人清')).toBe('望京西园三区 212号楼');
    expect(findAddress('花家地北里3号楼 2单元 楼道灯不亮')).toBe('花家地北里3号楼 2单元');
    expect(findAddress('幸福小区的3号楼电梯坏了')).toBe('幸福小区的3号楼');
  });

  it('joins a number across a space only to an estate name, not to an account', () => {
    expect(findAddress('暖气片漏水 12号楼')).toBe('12号楼');
    expect(findAddress('电梯坏了半个月 7号楼')).toBe('7号楼');
  });

  it('takes an estate named anywhere in the account, but not estates in general', () => {
    expect(findAddress('我们重聚园小区电梯坏了')).toBe('重聚园小区');
    expect(findAddress('楼下那个幸福家园的垃圾没人清')).toBe('幸福家园');
    expect(findAddress('鲁谷那边重聚园小区电梯坏了')).toBe('重聚园小区');
    expect(findAddress('老旧小区改造什么时候轮到我们')).toBeUndefined();
    expect(findAddress('周边小区都有充电桩')).toBeUndefined();
  });

  it('keeps place names that begin with a character that usually ends one (太平家园)', () => {
    expect(findAddress('昌平太平家园小区底商有个诊所无证行医')).toBe('太平家园小区底商');
    expect(findAddress('我家在都市馨园3号楼')).toBe('都市馨园3号楼');
  });

  it('keeps a school named by its own name, not one being gone to', () => {
    expect(findAddress('昌平区回龙观 育新学校 让家长每人交八百块钱买平板')).toBe('育新学校');
    expect(findAddress('我家在海淀 孩子上小学了 学校乱收费')).toBeUndefined();
  });

  it('takes nothing from a reply that tells what happened (想问问案子到底破没破)', () => {
    expect(findAddress('就是想问问案子到底破没破', { expectingAddress: true })).toBeUndefined();
    expect(findAddress('这电梯老出毛病 物业不管', { expectingAddress: true })).toBeUndefined();
    expect(findAddress('远洋山水', { expectingAddress: true })).toBe('远洋山水');
  });

  it('takes nothing from a reply that argues or takes a place back', () => {
    expect(findAddress('这跟街道有啥关系 我是投诉出租车司机', { expectingAddress: true })).toBeUndefined();
    expect(findAddress('鲁谷？不对 八角南里社区 3号楼', { expectingAddress: true })).toBe('八角南里社区 3号楼');
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
    expect(findAddress('在朝阳区望京soho塔2', { expectingAddress: true })).toBe('望京soho塔2');
    expect(findAddress('就在枣营北里那边', { expectingAddress: true })).toBe('枣营北里');
    expect(findAddress('朝阳区望京街道', { expectingAddress: true })).toBeUndefined();
    expect(findAddress('不知道', { expectingAddress: true })).toBeUndefined();
  });

  it('reads traditional characters and returns the address simplified', () => {
    expect(findAddress('海澱區中關村大街27號門口')).toBe('中关村大街27号');
  });
  it('takes no fragment of a sentence for an address (跑路, 加开一条, 表扬一下)', () => {
    expect(findAddress('现在老板跑路了门都锁了')).toBeUndefined();
    expect(findAddress('朝阳区这边老板跑路了')).toBeUndefined();
    expect(findAddress('建议加开一条公交线路')).toBeUndefined();
    expect(findAddress('就是表扬一下 我住海淀清河 当时热力公司的师傅来修的', { expectingAddress: true })).toBeUndefined();
    expect(findAddress('哪个街道我真不清楚 就五道口那块', { expectingAddress: true })).toBeUndefined();
  });

  it('keeps a landmark as the address (望京soho旁边, 朝阳医院, 西二旗地铁站B口)', () => {
    expect(findAddress('我在望京soho旁边那个健身房办的卡交了6800 现在老板跑路了门都锁了 钱还能退吗')).toBe('望京soho旁边的健身房');
    expect(findAddress('在朝阳医院看的 我住东城', { expectingAddress: true })).toBe('朝阳医院');
    expect(findAddress('西二旗地铁站B口那共享单车堆成山了 人都过不去')).toBe('西二旗地铁站B口');
    expect(findAddress('五道口华清嘉园北边那条小路路灯坏了好几个')).toBe('五道口华清嘉园北边那条小路');
  });

  it('reads a route between two places as the place (天通苑到望京)', () => {
    expect(findAddress('建议加开一条从天通苑到望京的公交 早高峰5号线挤不上去 坐公交要倒两趟')).toBe('天通苑到望京');
  });

  it('keeps the road, the estate and the building the citizen gave, less filler', () => {
    expect(findAddress('鲁谷东街那个重聚园小区 7号楼', { expectingAddress: true })).toBe('鲁谷东街的重聚园小区 7号楼');
    expect(findAddress('手帕口南街那个小区 4号楼', { expectingAddress: true })).toBe('手帕口南街的小区 4号楼');
    expect(findAddress('后沙峪 裕祥花园 11号楼', { expectingAddress: true })).toBe('裕祥花园 11号楼');
    expect(findAddress('首城国际对面那条街上 叫啥杨国福还是张亮 记不清了', { expectingAddress: true })).toBe('首城国际对面那条街');
    expect(findAddress('开发区 经海路和科创十三街交叉口那个工地', { expectingAddress: true })).toBe('经海路和科创十三街交叉口的工地');
    expect(findAddress('经海路和科创十三街交叉口那个工地', { expectingAddress: true })).toBe('经海路和科创十三街交叉口的工地');
  });

  it('keeps what follows "I don’t know" when the citizen names a landmark', () => {
    expect(findAddress('不知道 就西二旗地铁站', { expectingAddress: true })).toBe('西二旗地铁站');
  });

  it('does not take a vague area word or a "there" for the address', () => {
    expect(findAddress('开发区那边的 荣华街道', { expectingAddress: true })).toBeUndefined();
    expect(findAddress('清河那块儿', { expectingAddress: true })).toBeUndefined();
  });

  it('takes a shop and its branch as the address (我爱我家 望京西园店)', () => {
    expect(findAddress('朝阳 望京的我爱我家 望京西园店', { expectingAddress: true })).toBe('我爱我家 望京西园店');
    expect(findAddress('望京西园四区底商 我爱我家', { expectingAddress: true })).toBe('望京西园四区底商 我爱我家');
  });
});
