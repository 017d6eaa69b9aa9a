import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildCategoryTree,
  CategoryDataError,
  categoryTree,
  formatCategoryPath,
  MAX_OPTIONS,
  renderCategoryData,
  resolveCategoryRef,
  type CategoryData,
} from './category-tree.ts';
import { mergeTaxonomy } from './generate-categories.ts';

const tree = categoryTree();
const pathText = (id: string) => formatCategoryPath(tree.path(id));
const byPath = new Map(tree.nodes.map((n) => [pathText(n.id), n]));

function problemsOf(data: unknown): string[] {
  try {
    buildCategoryTree(data);
  } catch (error) {
    if (error instanceof CategoryDataError) return error.problems;
    throw error;
  }
  return [];
}

describe('the shipped category tree', () => {
  it('keeps the 15 first levels of the government taxonomy', () => {
    expect(tree.children(null).map((n) => n.name)).toEqual([
      '城乡建设', '党务政务', '国土资源', '环境保护', '纪检监察', '交通运输', '经济管理', '科技与信息产业',
      '民政', '农村农业', '商贸旅游', '卫生计生', '政法', '教育文体', '劳动和社会保障',
    ]);
  });

  it('nests every node under an existing parent, one level deeper, and never deeper than four', () => {
    for (const node of tree.nodes) {
      expect(tree.path(node.id)).toHaveLength(node.level);
      if (node.parentId) expect(tree.get(node.parentId)?.level).toBe(node.level - 1);
      expect(node.level).toBeLessThanOrEqual(4);
    }
  });

  it('has the taxonomy’s three levels below every first level', () => {
    const level3 = tree.nodes.filter((n) => n.level === 3);
    expect(level3.length).toBeGreaterThanOrEqual(517);
    expect(byPath.get('城乡建设 > 城市建设和市政管理 > 冬季采暖')?.id).toBe('C01.02.008');
    expect(byPath.get('劳动和社会保障 > 工资福利 > 工资发放')?.id).toBe('C15.03.006');
  });

  it('adds what a Beijing 12345 hears every day', () => {
    for (const path of [
      '城乡建设 > 城市建设和市政管理 > 冬季采暖 > 暖气不热',
      '城乡建设 > 住房保障与房地产 > 物业服务 > 物业收费',
      '城乡建设 > 城市建设和市政管理 > 垃圾分类',
      '商贸旅游 > 市场监管 > 预付卡退费',
      '环境保护 > 环境污染 > 噪音污染 > 施工噪音',
      '环境保护 > 环境污染 > 噪音污染 > 商业噪音',
      '环境保护 > 环境污染 > 噪音污染 > 社会生活噪音',
      '城乡建设 > 城市建设和市政管理 > 路灯照明',
      '城乡建设 > 城市建设和市政管理 > 停车管理',
      '城乡建设 > 老旧小区改造 > 加装电梯',
      '城乡建设 > 城乡规划 > 违章建筑',
      '城乡建设 > 城市建设和市政管理 > 占道经营',
      '城乡建设 > 城市建设和市政管理 > 共享单车',
      '城乡建设 > 城市建设和市政管理 > 燃气供应 > 燃气设施报修',
      '城乡建设 > 城市建设和市政管理 > 自来水供应 > 供水设施报修',
      '城乡建设 > 城市建设和市政管理 > 电力供应 > 电力设施报修',
      '劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资',
      '教育文体 > 教育体制 > 入学入园',
      '卫生计生 > 医患纠纷',
      '民政 > 养老服务 > 养老驿站和助餐',
      '卫生计生 > 食品药品监管 > 食品安全',
    ]) {
      expect(byPath.has(path), path).toBe(true);
    }
  });

  it('maps each of the classifier’s seven labels to the first level of the same name', () => {
    const labels = ['城乡建设', '劳动和社会保障', '教育文体', '商贸旅游', '环境保护', '卫生计生', '交通运输'];
    expect(Object.keys(tree.classifierLabels).toSorted()).toEqual(labels.toSorted());
    for (const label of labels) expect(tree.level1(label)?.name).toBe(label);
    expect(tree.level1('C15')?.name).toBe('劳动和社会保障');
    expect(tree.level1('C15.03')).toBeUndefined();
  });

  it('offers at most five prompts, each with a short label, for nothing known and for every first level', () => {
    expect(tree.prompts()).toHaveLength(MAX_OPTIONS);
    for (const id of Object.values(tree.classifierLabels)) {
      const prompts = tree.prompts(id);
      expect(prompts.length).toBeGreaterThan(1);
      expect(prompts.length).toBeLessThanOrEqual(MAX_OPTIONS);
      for (const p of prompts) expect(tree.within(p.id, id)).toBe(true);
    }
  });

  it('fits every id and path in the case columns (32 and 255 characters)', () => {
    for (const node of tree.nodes) {
      expect(node.id.length).toBeLessThanOrEqual(32);
      expect(pathText(node.id).length).toBeLessThanOrEqual(255);
    }
  });

  it('is stored in canonical form, one node per line', () => {
    const file = readFileSync(new URL('./categories.json', import.meta.url), 'utf8');
    expect(renderCategoryData(JSON.parse(file) as CategoryData)).toBe(file);
  });
});

describe('reading category references in the other data files', () => {
  it('accepts an id alone or an id followed by its name', () => {
    expect(resolveCategoryRef(tree, 'C01.02.008')).toMatchObject({ name: '冬季采暖' });
    expect(resolveCategoryRef(tree, 'C01.02.008 冬季采暖')).toMatchObject({ id: 'C01.02.008' });
  });

  it('reports an unknown id and a name that does not match its id', () => {
    expect(resolveCategoryRef(tree, 'C99.01')).toBe('category C99.01 does not exist');
    expect(resolveCategoryRef(tree, 'C01.02.008 物业服务')).toBe('category C01.02.008 is "冬季采暖", not "物业服务"');
  });
});

describe('validating category data', () => {
  const valid: CategoryData = {
    classifierLabels: { 城乡建设: 'C01' },
    prompts: { '*': ['C01.01'], C01: ['C01.01'] },
    nodes: [
      { id: 'C01', name: '城乡建设' },
      { id: 'C01.01', name: '供暖', keywords: ['暖气', '暖气+不热'] },
    ],
  };

  it('accepts a small well-formed tree', () => {
    expect(problemsOf(valid)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      classifierLabels: { 城乡建设: 'C01.01', 教育文体: 'C09' },
      prompts: { C01: ['C02.01'], C07: ['C01'] },
      nodes: [
        { id: 'C01', name: '城乡建设' },
        { id: 'C01', name: '重复' },
        { id: 'C01.01', name: '供暖', keywords: ['暖气+', '暖气', '暖气'] },
        { id: 'C02.01', name: '没有上级' },
        { id: 'C1.1', name: '编号不对' },
        { id: 'C01.02', name: '供暖' },
        { id: 'C01.03', name: '名称 > 带分隔符', short: '这个短标签实在太长了' },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'C01: id used twice',
        'C01.01: keyword "暖气+" is empty or has an empty part around "+"',
        'C01.01: keyword "暖气" listed twice',
        'C02.01: parent C02 does not exist',
        'node #5: id "C1.1" must look like C01, C01.02, C01.02.003 or C01.02.003.04',
        'C01.02: a sibling already has the name "供暖"',
        'C01.03: name must not contain ">" (it separates path names)',
        'C01.03: short label must be 1–8 characters',
        'classifierLabels.城乡建设: "C01.01" is not a level-1 id',
        'classifierLabels.教育文体: "C09" is not a level-1 id',
        'prompts.C01: C02.01 is not below C01',
        'prompts.C07: no such node',
      ]),
    );
  });

  it('refuses data that is not an object', () => {
    expect(problemsOf([])).toEqual(['the file must hold one JSON object']);
  });
});

describe('merging a taxonomy CSV', () => {
  const data: CategoryData = {
    classifierLabels: {},
    prompts: {},
    nodes: [
      { id: 'C01', name: '城乡建设' },
      { id: 'C01.01', name: '安全生产' },
      { id: 'C01.01.001', name: '事故处理', keywords: ['事故'] },
    ],
  };

  it('adds missing paths after their siblings and keeps existing ids and keywords', () => {
    const csv = 'level1,level2,level3\n城乡建设,安全生产,事故处理\n城乡建设,安全生产,安全隐患\n环境保护,环境污染,噪音污染\n';
    const { data: merged, added } = mergeTaxonomy(data, csv);
    expect(added).toEqual(['C01.01.002 城乡建设/安全生产/安全隐患', 'C02 环境保护', 'C02.01 环境保护/环境污染', 'C02.01.001 环境保护/环境污染/噪音污染']);
    expect(merged.nodes.find((n) => n.id === 'C01.01.001')).toEqual({ id: 'C01.01.001', name: '事故处理', keywords: ['事故'] });
    expect(() => buildCategoryTree(merged)).not.toThrow();
  });

  it('refuses a file without the taxonomy header', () => {
    expect(() => mergeTaxonomy(data, 'a,b,c\n')).toThrow('header');
  });
});
