import { describe, expect, it } from 'vitest';
import { categoryTree, formatCategoryPath } from '../categories/category-tree.ts';
import { findPlaces } from '../places/place-finder.ts';
import { createRouter, DUE_HOURS, loadRouting, routeCase, routingNeedsPlace, routingNeedsStreet, RoutingDataError } from './route-case.ts';
import shippedLevels from './response-levels.json' with { type: 'json' };
import shippedRules from './routing-rules.json' with { type: 'json' };

const tree = categoryTree();
/** A category by its path of names, so the tests read as the tree does. */
const category = (path: string) => {
  const node = tree.nodes.find((n) => formatCategoryPath(tree.path(n.id)) === path);
  if (!node) throw new Error(`no category ${path}`);
  return node.id;
};
const WANGJING = { districtCode: '110105', streetCode: '110105026' };
const route = (path: string, place: { districtCode?: string; streetCode?: string } = WANGJING) => routeCase({ categoryId: category(path), ...place });

function problemsOf(rules: unknown, levels: unknown = shippedLevels): string[] {
  try {
    createRouter(rules, levels);
  } catch (error) {
    if (error instanceof RoutingDataError) return error.problems;
    throw error;
  }
  return [];
}

describe('routing to a district department when the category is its line (条)', () => {
  it.each([
    ['劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资', '110105-RSJ', '朝阳区人力资源和社会保障局', 'line:wage-arrears→district:RSJ'],
    ['劳动和社会保障 > 劳动关系 > 辞职辞退', '110105-RSJ', '朝阳区人力资源和社会保障局', 'line:labour-relations→district:RSJ'],
    ['卫生计生 > 医患纠纷 > 医疗事故争议', '110105-WJW', '朝阳区卫生健康委员会', 'line:medical-disputes→district:WJW'],
    ['教育文体 > 教育体制 > 入学入园 > 中小学入学', '110105-JW', '朝阳区教育委员会', 'line:school-places→district:JW'],
    ['商贸旅游 > 市场监管 > 预付卡退费', '110105-SJJ', '朝阳区市场监督管理局', 'line:prepaid-cards→district:SJJ'],
    ['卫生计生 > 食品药品监管 > 食品安全', '110105-SJJ', '朝阳区市场监督管理局', 'line:food-safety→district:SJJ'],
    ['交通运输 > 道路交通秩序 > 违法停车', '110105-JTZD', '北京市公安局公安交通管理局朝阳交通支队', 'line:traffic-order→district:JTZD'],
    ['环境保护 > 环境污染 > 水污染', '110105-STHJ', '朝阳区生态环境局', 'line:environment→district:STHJ'],
    ['城乡建设 > 城乡规划 > 容积挡光', '110105-GHZR', '北京市规划和自然资源委员会朝阳分局', 'line:planning→district:GHZR'],
    ['民政 > 养老服务 > 养老机构', '110105-MZJ', '朝阳区民政局', 'line:elderly-care→district:MZJ'],
    ['政法 > 社会治安 > 养犬管理', '110105-GAFJ', '北京市公安局朝阳分局', 'line:public-security→district:GAFJ'],
    ['城乡建设 > 住房保障与房地产 > 房地产开发管理', '110105-ZJW', '朝阳区住房和城乡建设委员会', 'line:housing→district:ZJW'],
    ['城乡建设 > 城市建设和市政管理 > 路灯照明', '110105-CGW', '朝阳区城市管理委员会', 'line:street-lighting→district:CGW'],
    ['劳动和社会保障 > 城镇职工社会保险 > 职工医疗保险', '110105-YBJ', '朝阳区医疗保障局', 'line:medical-insurance→district:YBJ'],
  ])('%s → %s', (path, code, name, rule) => {
    expect(route(path)).toMatchObject({ unit: { code, name, kind: 'department' }, rule });
  });

  it('uses the department of the case’s own district', () => {
    expect(route('劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资', { districtCode: '110108', streetCode: '110108014' }).unit?.code).toBe('110108-RSJ');
  });
});

describe('routing repairs and outages to the utilities', () => {
  it.each([
    ['城乡建设 > 城市建设和市政管理 > 燃气供应 > 燃气设施报修', 'BJ-GAS', '北京燃气集团'],
    ['城乡建设 > 城市建设和市政管理 > 自来水供应 > 供水设施报修', 'BJ-WATER', '北京自来水集团'],
    ['城乡建设 > 城市建设和市政管理 > 自来水供应 > 停水', 'BJ-WATER', '北京自来水集团'],
    ['城乡建设 > 城市建设和市政管理 > 电力供应 > 停电', 'BJ-POWER', '国网北京市电力公司'],
    ['城乡建设 > 城市建设和市政管理 > 冬季采暖 > 暖气不热', 'BJ-HEAT', '北京热力集团'],
  ])('%s → %s', (path, code, name) => {
    const decision = route(path);
    expect(decision.unit).toEqual({ code, name, kind: 'utility' });
    expect(decision.rule).toMatch(new RegExp(`^utility:[a-z-]+→${code}$`));
  });

  it('sends heating fees to the district’s urban management, not the heating company', () => {
    expect(route('城乡建设 > 城市建设和市政管理 > 冬季采暖 > 供暖费')).toMatchObject({ unit: { code: '110105-CGW' }, rule: 'line:heating-fees→district:CGW' });
  });

  it('sends a utility case to the utility even without a place', () => {
    expect(route('城乡建设 > 城市建设和市政管理 > 燃气供应 > 燃气泄漏', {}).unit?.code).toBe('BJ-GAS');
  });
});

describe('territorial responsibility (属地)', () => {
  it('gives a case without a line to the street where it happened', () => {
    expect(route('城乡建设 > 城市建设和市政管理 > 环境卫生 > 垃圾清运')).toMatchObject({
      unit: { code: '110105026', name: '望京街道', kind: 'street' },
      rule: 'territorial:street',
    });
  });

  it('answers an illegal structure still going up within a day, not the fifteen days of planning', () => {
    expect(route('城乡建设 > 城乡规划 > 违章建筑 > 在建违建').responseLevel).toBe('24h');
    expect(route('城乡建设 > 城乡规划 > 违章建筑').responseLevel).toBe('15d');
  });

  it('gives an uncategorised case to the street', () => {
    expect(routeCase(WANGJING)).toMatchObject({ unit: { code: '110105026' }, rule: 'territorial:street', responseLevel: '7d' });
  });

  it('keeps neighbourhood nuisances with the street below a line that would take them', () => {
    expect(route('环境保护 > 环境污染 > 噪音污染 > 施工噪音')).toMatchObject({ unit: { kind: 'street' }, rule: 'territorial:noise→street' });
    expect(route('环境保护 > 环境污染 > 大气污染 > 餐饮油烟').rule).toBe('territorial:street-air-nuisance→street');
    expect(route('城乡建设 > 城乡规划 > 违章建筑').rule).toBe('territorial:illegal-construction→street');
    expect(route('城乡建设 > 住房保障与房地产 > 物业服务 > 物业收费').rule).toBe('territorial:property-management→street');
  });

  it('lets the most specific rule win: factory noise goes back to ecology and environment', () => {
    expect(route('环境保护 > 环境污染 > 噪音污染 > 工业噪音')).toMatchObject({ unit: { code: '110105-STHJ' }, rule: 'line:industrial-noise→district:STHJ' });
  });

  it('ignores a category id the tree does not know and routes by place', () => {
    expect(routeCase({ categoryId: 'C99.99', ...WANGJING })).toMatchObject({ unit: { code: '110105026' }, rule: 'territorial:street' });
  });
});

describe('a missing or partial place', () => {
  it('sends a line case with no district to the line’s city body', () => {
    expect(route('劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资', {})).toMatchObject({
      unit: { code: 'BJ-RSJ', name: '北京市人力资源和社会保障局', kind: 'city' },
      rule: 'line:wage-arrears→city:RSJ',
    });
  });

  it('finds the district from the street when only the street is known', () => {
    expect(route('卫生计生 > 医患纠纷', { streetCode: '110105026' }).unit?.code).toBe('110105-WJW');
  });

  it('gives a territorial case with only a district to the district government', () => {
    expect(route('城乡建设 > 城市建设和市政管理 > 环境卫生', { districtCode: '110105' })).toMatchObject({
      unit: { code: '110105', name: '朝阳区人民政府', kind: 'district' },
      rule: 'territorial:district',
    });
  });

  it('leaves a territorial case with no place to be dispatched by hand', () => {
    expect(route('城乡建设 > 城市建设和市政管理 > 环境卫生', {})).toMatchObject({ unit: null, rule: 'unrouted:no-place' });
  });

  it('ignores a street code that is not a township and uses the district', () => {
    expect(routeCase({ streetCode: '999999999', districtCode: '110105' })).toMatchObject({ unit: { code: '110105' }, rule: 'territorial:district' });
  });
});

describe('the Economic-Technological Development Area (经开区, 亦庄), run by its own management committee', () => {
  const BDA = { code: 'BJ-BDA', name: '北京经济技术开发区管理委员会', kind: 'district' };
  const WAGES = '劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资';
  const GARBAGE = '城乡建设 > 城市建设和市政管理 > 环境卫生 > 垃圾清运';
  const placed = (text: string) => {
    const match = findPlaces(text);
    return { districtCode: match.district?.code, streetCode: match.street?.code };
  };

  it('sends a line case placed in 经开区 to the committee, not to 大兴区’s department', () => {
    expect(route(WAGES, placed('经开区荣华中路的公司拖欠工资'))).toMatchObject({ unit: BDA, rule: 'line:wage-arrears→zone:BJ-BDA' });
    expect(route('卫生计生 > 医患纠纷', placed('亦庄开发区的医院')).unit).toEqual(BDA);
    expect(route('教育文体 > 教育体制 > 入学入园 > 中小学入学', placed('北京经济技术开发区')).rule).toBe('line:school-places→zone:BJ-BDA');
  });

  it('does the same in the streets the zone runs, whose offices keep territorial cases', () => {
    for (const streetCode of ['110115012', '110115013', '110115004']) {
      expect(route(WAGES, { streetCode })).toMatchObject({ unit: BDA, rule: 'line:wage-arrears→zone:BJ-BDA' });
      expect(route(GARBAGE, { streetCode })).toMatchObject({ unit: { code: streetCode, kind: 'street' }, rule: 'territorial:street' });
    }
    expect(route(WAGES, placed('亦庄镇')).unit).toEqual(BDA);
  });

  it('gives a territorial case in the zone’s own area to the committee', () => {
    expect(route(GARBAGE, placed('经开区'))).toMatchObject({ unit: BDA, rule: 'territorial:zone' });
    expect(routeCase(placed('亦庄开发区'))).toMatchObject({ unit: BDA, rule: 'territorial:zone' });
    expect(route('环境保护 > 环境污染 > 噪音污染 > 施工噪音', placed('经开区'))).toMatchObject({ unit: BDA, rule: 'territorial:noise→zone' });
  });

  it('sends a bare 亦庄 line case to the committee whichever candidate the citizen picks', () => {
    const candidates = findPlaces('我在亦庄上班').candidates ?? [];
    expect(candidates).toHaveLength(2);
    for (const c of candidates) expect(route(WAGES, { streetCode: c.code }).unit).toEqual(BDA);
  });

  it('still sends utilities and city bodies their cases', () => {
    expect(route('城乡建设 > 城市建设和市政管理 > 自来水供应 > 停水', placed('经开区')).unit?.code).toBe('BJ-WATER');
  });

  it('leaves the rest of 大兴区 and the partly covered towns of 通州区 with their district', () => {
    expect(route(WAGES, { streetCode: '110115005' }).unit?.code).toBe('110115-RSJ'); // 黄村地区
    expect(route(WAGES, { streetCode: '110112109' }).unit?.code).toBe('110112-RSJ'); // 马驹桥镇
    expect(route(WAGES, { districtCode: '110115' }).unit?.code).toBe('110115-RSJ');
  });
});

describe('response levels (四级响应)', () => {
  it.each([
    ['城乡建设 > 城市建设和市政管理 > 燃气供应 > 燃气泄漏', '2h', 2],
    ['城乡建设 > 安全生产 > 安全隐患', '2h', 2],
    ['城乡建设 > 城市建设和市政管理 > 冬季采暖 > 未按时供暖', '24h', 24],
    ['城乡建设 > 城市建设和市政管理 > 自来水供应 > 停水', '24h', 24],
    ['城乡建设 > 城市建设和市政管理 > 冬季采暖 > 供暖费', '7d', 168],
    ['劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资', '7d', 168],
    ['城乡建设 > 城乡规划 > 规划方案', '15d', 360],
    ['城乡建设 > 国有土地上房屋征收与补偿 > 安置补偿', '15d', 360],
  ])('%s → %s', (path, level, hours) => {
    expect(route(path)).toMatchObject({ responseLevel: level, dueHours: hours });
  });

  it('never makes a suggestion or a praise urgent', () => {
    const categoryId = category('城乡建设 > 城市建设和市政管理 > 冬季采暖 > 暖气不热');
    expect(routeCase({ categoryId, ...WANGJING, requestType: '建议' }).responseLevel).toBe('15d');
    expect(routeCase({ categoryId, ...WANGJING, requestType: '表扬' }).responseLevel).toBe('15d');
    expect(routeCase({ categoryId, ...WANGJING, requestType: '投诉' }).responseLevel).toBe('24h');
  });

  it('maps the four levels to hours', () => {
    expect(DUE_HOURS).toEqual({ '2h': 2, '24h': 24, '7d': 168, '15d': 360 });
  });
});

describe('the shipped routing data', () => {
  it('validates against the category tree and the unit directory', () => {
    expect(() => loadRouting()).not.toThrow();
    expect(loadRouting().rules.length).toBeGreaterThan(40);
  });

  it('gives every rule a note a person can read', () => {
    for (const rule of loadRouting().rules) expect(rule.note, rule.id).toBeTruthy();
  });
});

describe('validating the routing data', () => {
  const rule = (extra: Record<string, unknown>) => ({ rules: [{ id: 'test', to: 'street', categories: ['C01'], ...extra }] });

  it('accepts a small table', () => {
    expect(problemsOf(rule({}))).toEqual([]);
  });

  it('reports unknown categories, names that do not match, unknown lines and units, all at once', () => {
    const problems = problemsOf({
      rules: [
        { id: 'a', to: 'district:XYZ', categories: ['C99.01'] },
        { id: 'b', to: 'unit:BJ-NOPE', categories: ['C01.02.008 物业服务'] },
        { id: 'c', to: 'unit:110105026', categories: ['C01.02.008'] },
        { id: 'Bad Id', to: 'somewhere', categories: [] },
        { id: 'a', to: 'street', categories: ['C04'], districts: ['110199'] },
      ],
    });
    expect(problems).toEqual([
      'rule a: line XYZ is not in units.json',
      'rule a: category C99.01 does not exist',
      'rule b: unit BJ-NOPE does not exist',
      'rule b: category C01.02.008 is "冬季采暖", not "物业服务"',
      'rule c: unit 110105026 is a street; use "street" or "district:<line>"',
      'rule #4: id must be lower-case words joined by "-" (at most 40 characters), e.g. wage-arrears',
      'rule #4: "to" must be "street", "district:<line>" or "unit:<code>", not "somewhere"',
      'rule #4: "categories" must list at least one category',
      'rule a: id used twice',
      'rule a: district "110199" does not exist',
    ]);
  });

  it('refuses two rules for the same category, unless one is limited to districts', () => {
    expect(
      problemsOf({
        rules: [
          { id: 'one', to: 'street', categories: ['C01.02.008'] },
          { id: 'two', to: 'unit:BJ-HEAT', categories: ['C01.02.008 冬季采暖'] },
        ],
      }),
    ).toEqual(['rule two: category C01.02.008 is already routed by rule one']);
    expect(
      problemsOf({
        rules: [
          { id: 'one', to: 'unit:BJ-HEAT', categories: ['C01.02.008'] },
          { id: 'two', to: 'street', categories: ['C01.02.008'], districts: ['110119'] },
        ],
      }),
    ).toEqual([]);
  });

  it('reports bad response levels', () => {
    const problems = problemsOf(rule({}), {
      default: '3d',
      byType: { 催办: '2h', 建议: 'soon' },
      levels: { '2h': ['C01.01.003', 'C88'], '48h': [], '24h': ['C01.01.003 安全隐患'] },
    });
    expect(problems).toEqual([
      'response levels: "default" must be one of 2h, 24h, 7d, 15d',
      'response levels: byType.催办 is not a request type (咨询, 求助, 投诉, 举报, 建议, 表扬)',
      'response levels: byType.建议 must be one of 2h, 24h, 7d, 15d',
      'response levels 2h: category C88 does not exist',
      'response levels: "48h" is not one of 2h, 24h, 7d, 15d',
      'response levels 24h: category C01.01.003 already has level 2h',
    ]);
  });

  it('lets a city limit a rule to some districts, winning there over the general rule', () => {
    const router = createRouter(
      {
        rules: [
          { id: 'heating', to: 'unit:BJ-HEAT', categories: ['C01.02.008'] },
          { id: 'heating-yanqing', to: 'street', categories: ['C01.02.008'], districts: ['110119'] },
        ],
      },
      shippedLevels,
    );
    const heating = category('城乡建设 > 城市建设和市政管理 > 冬季采暖 > 暖气不热');
    expect(router.route({ categoryId: heating, ...WANGJING }).unit?.code).toBe('BJ-HEAT');
    expect(router.route({ categoryId: heating, streetCode: '110119001' })).toMatchObject({ unit: { kind: 'street' }, rule: 'territorial:heating-yanqing→street' });
  });

  it('is the data the app ships', () => {
    expect(problemsOf(shippedRules)).toEqual([]);
  });
});

describe('whether the street is needed to choose the unit', () => {
  const needs = (path: string, districtCode: string) => routingNeedsStreet({ categoryId: category(path), districtCode });

  it('is not, for a line department of a district without a development zone', () => {
    expect(needs('劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资', '110105')).toBe(false);
  });

  it('is, where the street decides (属地), or where a development zone may take the line', () => {
    expect(needs('城乡建设 > 城市建设和市政管理 > 环境卫生 > 垃圾清运', '110105')).toBe(true);
    expect(needs('劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资', '110115')).toBe(true);
  });
});

describe('whether the place is needed at all', () => {
  it('is not, for a fixed unit, and is, for a line or the street', () => {
    const taxi = tree.nodes.find((n) => n.name === '出租车管理')!.id;
    expect(routingNeedsPlace({ categoryId: taxi })).toBe(false);
    expect(routingNeedsPlace({ categoryId: category('劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资') })).toBe(true);
  });
});
