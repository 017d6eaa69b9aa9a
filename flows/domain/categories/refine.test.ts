import { describe, expect, it } from 'vitest';
import { buildCategoryTree, type CategoryData } from './category-tree.ts';
import { categoryOptions, CONFIDENT, refineCategory } from './refine.ts';

const names = (r: { path: { name: string }[] }) => r.path.map((n) => n.name);
const leaf = (text: string, level1?: string) => refineCategory(text, level1).path.at(-1)?.name;

describe('refineCategory on clear texts', () => {
  it.each([
    ['家里暖气不热，室温只有16度', '暖气不热'],
    ['小区物业费又涨价了', '物业收费'],
    ['楼上邻居装修太吵了，周末一大早就开始', '社会生活噪音'],
    ['夜里十二点工地还在施工，吵得睡不着', '施工噪音'],
    ['公司拖欠我三个月工资了', '拖欠工资'],
    ['健身房老板跑路了，预付卡里的钱不给退', '预付卡退费'],
    ['孩子明年上小学，对口小学说没有学位', '中小学入学'],
    ['在医院做手术出了医疗事故', '医疗事故争议'],
    ['在饭店吃饭吃坏肚子了', '食品安全'],
    ['家里一股燃气味', '燃气泄漏'],
    ['燃气费太贵了', '燃气缴费'],
    ['路灯不亮好几天了，晚上太黑', '路灯照明'],
    ['楼下饭馆的油烟太大了', '餐饮油烟'],
    ['小区门口天天有人摆摊', '占道经营'],
    ['有人在楼顶私搭乱建', '违章建筑'],
    ['老楼想加装电梯', '加装电梯'],
    ['电梯又坏了，老人下不了楼', '电梯故障'],
    ['共享单车乱停乱放，把人行道堵了', '共享单车'],
    ['我家门口的垃圾桶满了三天没人清理', '垃圾清运'],
    ['社区养老驿站的助餐点关了', '养老驿站和助餐'],
    ['有人遛狗不拴绳', '养犬管理'],
    ['路口红绿灯坏了', '交通信号灯和标志标线'],
    ['小区里停车位太少了', '车位不足'],
  ])('files “%s” under %s with confidence', (text, expected) => {
    const r = refineCategory(text);
    expect(r.path.at(-1)?.name).toBe(expected);
    expect(r.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    expect(r.candidates[0]).toBe(r.path.at(-1));
  });

  it('reads neighbours and dogs from what they do, not from a passing 楼上 or 邻居', () => {
    expect(leaf('楼上邻居天天半夜蹦迪，吵得睡不着')).toBe('社会生活噪音');
    expect(leaf('隔壁的狗一直叫，半夜都不停')).toBe('社会生活噪音');
    // Fumes drifting upstairs and a barbecue open till the small hours: the shop's noise, not a neighbour's.
    const letter =
      '我们楼下新开了一家烧烤店，每天晚上营业到凌晨两三点，油烟直接往楼上飘，噪音也特别大，老人孩子根本睡不好觉，找过物业和店老板很多次都没有用，希望让他们安装油烟净化设备，晚上十点以后停止营业。';
    const result = refineCategory(letter, '环境保护');
    expect(names(result).at(-1)).toBe('商业噪音');
    expect(result.candidates.map((c) => c.name)).toContain('餐饮油烟');
    expect(result.candidates.map((c) => c.name)).not.toContain('工业噪音');
  });

  it('reads the common typo 电体 for 电梯', () => {
    expect(leaf('我家小区电体坏了三天了 住18楼老人下不来楼')).toBe('电梯故障');
  });

  it('reads traditional characters', () => {
    expect(leaf('我家樓下那個餐館油煙太大了，燻得窗戶都不敢開')).toBe('餐饮油烟');
  });

  it('returns the whole path from the first level down', () => {
    expect(names(refineCategory('公司拖欠我三个月工资了'))).toEqual(['劳动和社会保障', '工资福利', '工资发放', '拖欠工资']);
  });

  it('does not read a complaint about the gas price as a gas leak', () => {
    expect(leaf('燃气费太贵了，一个月好几百')).not.toBe('燃气泄漏');
  });

  it('lets a longer phrase hide the shorter one inside it', () => {
    // "物业费" must not also count as plain "物业" (service quality) evidence.
    expect(leaf('物业费一平米五块')).toBe('物业收费');
  });
});

describe('refineCategory on vague texts', () => {
  it('asks with the five most common topics when nothing is known', () => {
    const r = refineCategory('我想反映一个问题');
    expect(r.path).toEqual([]);
    expect(r.confidence).toBe(0);
    expect(categoryOptions(r.candidates).map((o) => o.label)).toEqual(['物业', '供暖', '噪音', '环境卫生', '拖欠工资']);
  });

  it('keeps the classifier’s first level and offers its common topics when the text says nothing more', () => {
    const r = refineCategory('我想反映一个问题', '城乡建设');
    expect(names(r)).toEqual(['城乡建设']);
    expect(r.confidence).toBeLessThan(CONFIDENT);
    expect(categoryOptions(r.candidates).map((o) => o.label)).toEqual(['物业', '供暖', '违法建设', '环境卫生', '停车']);
  });

  it('asks between the branches a word shares ("漏水": pipes, heating, upstairs neighbours)', () => {
    const r = refineCategory('家里漏水了，楼上漏下来的');
    expect(r.confidence).toBeLessThan(CONFIDENT);
    expect(r.candidates.length).toBeGreaterThan(1);
    expect(r.candidates.length).toBeLessThanOrEqual(5);
    expect(r.candidates.map((c) => c.name)).toContain('邻里纠纷');
  });

  it('stops at the level the evidence reaches and offers the level below', () => {
    const r = refineCategory('单位不给交社保');
    expect(names(r)).toEqual(['劳动和社会保障', '城镇职工社会保险']);
    expect(r.confidence).toBeLessThan(CONFIDENT);
    expect(r.candidates.map((c) => c.name)).toEqual(['职工养老保险', '职工工伤保险', '职工生育保险', '职工医疗保险', '职工失业保险']);
  });

  it('is confident about noise in general but still offers the kinds of noise', () => {
    const r = refineCategory('噪音太大了，晚上睡不着');
    expect(r.path.at(-1)?.name).toBe('噪音污染');
    expect(r.candidates.map((c) => c.name)).toEqual(['噪音污染', '施工噪音', '商业噪音', '社会生活噪音', '交通噪音']);
  });

  it('never offers more than five options', () => {
    const r = refineCategory('物业不管，暖气不热，垃圾没人收，楼道灯坏了，停车乱收费，门口还有人摆摊');
    expect(r.candidates.length).toBeLessThanOrEqual(5);
  });
});

describe('the first-level hint', () => {
  it('tips a tie towards the classifier’s first level', () => {
    const text = '商家不给退款';
    expect(refineCategory(text).confidence).toBeLessThan(CONFIDENT);
    expect(refineCategory(text, '商贸旅游').path[0]?.name).toBe('商贸旅游');
  });

  it('still follows clear evidence outside it (the classifier has seven labels, the tree fifteen)', () => {
    expect(leaf('有人遛狗不拴绳', '城乡建设')).toBe('养犬管理');
  });

  it('ignores a label it does not know', () => {
    expect(refineCategory('小区物业费又涨价了', '不存在的类别').path.at(-1)?.name).toBe('物业收费');
  });
});

describe('the algorithm on a small tree', () => {
  const data: CategoryData = {
    classifierLabels: { 城建: 'C01', 环保: 'C02' },
    prompts: { '*': ['C01.01', 'C02.01'] },
    nodes: [
      { id: 'C01', name: '城建' },
      { id: 'C01.01', name: '供暖', keywords: ['暖气'] },
      { id: 'C01.01.001', name: '暖气不热', keywords: ['暖气+不热'] },
      { id: 'C01.01.002', name: '暖气漏水', keywords: ['暖气+漏'] },
      { id: 'C01.02', name: '供水', keywords: ['漏水'] },
      { id: 'C02', name: '环保' },
      { id: 'C02.01', name: '噪音', keywords: ['噪音', '吵'] },
    ],
  };
  const tree = buildCategoryTree(data);

  it('needs every part of an A+B keyword', () => {
    expect(refineCategory('暖气不热', undefined, tree).path.at(-1)?.id).toBe('C01.01.001');
    expect(refineCategory('暖气片旧了', undefined, tree).path.at(-1)?.id).toBe('C01.01');
  });

  it('compares full-width and spaced text as typed plainly', () => {
    expect(refineCategory('暖 气 不 热', undefined, tree).path.at(-1)?.id).toBe('C01.01.001');
  });

  it('follows the branch with clearly more evidence', () => {
    expect(refineCategory('暖气漏水了', undefined, tree).path.map((n) => n.id)).toEqual(['C01', 'C01.01', 'C01.01.002']);
  });

  it('stops between two branches of equal weight and offers the best node of each', () => {
    const r = refineCategory('楼上漏水，还有噪音', undefined, tree);
    expect(r.path).toEqual([]);
    expect(r.candidates.map((n) => n.id).toSorted()).toEqual(['C01.02', 'C02.01']);
    expect(r.confidence).toBeLessThan(CONFIDENT);
  });
});

describe('categoryOptions', () => {
  it('labels options with short labels and the category id as value', () => {
    const r = refineCategory('噪音太大了');
    expect(categoryOptions(r.candidates.slice(1, 3))).toEqual([
      { label: '施工噪音', value: 'C04.02.003.01' },
      { label: '商业噪音', value: 'C04.02.003.02' },
    ]);
  });

  it('tells apart two options that would read the same by their parents', () => {
    const data: CategoryData = {
      classifierLabels: {},
      prompts: {},
      nodes: [
        { id: 'C01', name: '城建' },
        { id: 'C01.01', name: '国有土地', short: '国有土地' },
        { id: 'C01.01.001', name: '安置补偿' },
        { id: 'C01.02', name: '集体土地', short: '集体土地' },
        { id: 'C01.02.001', name: '安置补偿' },
      ],
    };
    const tree = buildCategoryTree(data);
    const nodes = [tree.get('C01.01.001'), tree.get('C01.02.001')].filter((n) => n !== undefined);
    expect(categoryOptions(nodes, tree).map((o) => o.label)).toEqual(['国有土地·安置补偿', '集体土地·安置补偿']);
  });
});
