import { describe, expect, it } from 'vitest';
import { BEIJING_DISTRICTS, BEIJING_TOWNSHIPS } from '../places/beijing-divisions.ts';
import { buildUnitDirectory, UnitDataError, unitDirectory, type UnitsData } from './units.ts';
import shipped from './units.json' with { type: 'json' };

const units = unitDirectory();

function problemsOf(data: unknown): string[] {
  try {
    buildUnitDirectory(data);
  } catch (error) {
    if (error instanceof UnitDataError) return error.problems;
    throw error;
  }
  return [];
}

describe('the unit directory', () => {
  it('has every one of the 349 township-level units under its NBS code', () => {
    const streets = units.units.filter((u) => u.kind === 'street');
    expect(streets).toHaveLength(349);
    expect(new Set(streets.map((s) => s.code))).toEqual(new Set(BEIJING_TOWNSHIPS.map((t) => t.code)));
  });

  it('names streets as the city publishes them and keeps the office’s formal name', () => {
    expect(units.street('110105026')).toMatchObject({ name: '望京街道', formalName: '望京街道办事处', districtCode: '110105' });
    expect(units.street('110106100')).toMatchObject({ name: '北宫镇', formalName: '北宫镇人民政府' });
    const yizhuang = units.units.find((u) => u.name === '亦庄地区');
    expect(yizhuang?.formalName).toBe('亦庄地区办事处');
  });

  it('has each line’s department in each of the 16 districts', () => {
    for (const district of BEIJING_DISTRICTS) {
      for (const line of units.lines) {
        const unit = units.department(district.code, line);
        expect(unit?.code).toBe(`${district.code}-${line}`);
        expect(unit?.kind).toBe('department');
      }
    }
    expect(units.lines).toEqual(expect.arrayContaining(['ZJW', 'CGW', 'RSJ', 'WJW', 'JW', 'SJJ', 'JTZD', 'STHJ', 'GHZR', 'MZJ', 'GAFJ']));
  });

  it('uses the official forms of Beijing’s district department names', () => {
    const name = (line: string) => units.department('110105', line)?.name;
    expect(name('RSJ')).toBe('朝阳区人力资源和社会保障局');
    expect(name('WJW')).toBe('朝阳区卫生健康委员会');
    expect(name('JW')).toBe('朝阳区教育委员会');
    expect(name('SJJ')).toBe('朝阳区市场监督管理局');
    expect(name('GAFJ')).toBe('北京市公安局朝阳分局');
    expect(name('GHZR')).toBe('北京市规划和自然资源委员会朝阳分局');
    expect(name('JTZD')).toBe('北京市公安局公安交通管理局朝阳交通支队');
    expect(units.department('110101', 'GAFJ')?.name).toBe('北京市公安局东城分局');
  });

  it('has the 经开区 committee for the streets the zone runs, and no zone elsewhere', () => {
    for (const code of ['110115403', '110115012', '110115013', '110115004']) expect(units.zoneOf(code)?.unit).toMatchObject({ code: 'BJ-BDA', name: '北京经济技术开发区管理委员会', kind: 'district', districtCode: '110115' });
    expect(units.zoneOf('110115403')?.area).toBe('110115403');
    expect(units.zoneOf('110115005')).toBeUndefined();
    expect(units.zoneOf('110105026')).toBeUndefined();
  });

  it('rejects a zone over an unknown unit or a unit already in another zone', () => {
    const zone = { code: 'BJ-ZA', name: 'A', area: '110115403', streets: ['999999999'] };
    const problems = problemsOf({ ...shipped, zones: [...shipped.zones, zone] });
    expect(problems).toContain('BJ-ZA: 999999999 is not a township-level unit');
    expect(problems).toContain('BJ-ZA: 北京经济技术开发区 is already run by BJ-BDA');
  });

  it('has a city body for every line, for cases with no district', () => {
    for (const line of units.lines) expect(units.cityFor(line)?.kind, line).toBe('city');
    expect(units.cityFor('RSJ')?.name).toBe('北京市人力资源和社会保障局');
  });

  it('lists the utilities with their hotlines', () => {
    const hotline = (code: string) => units.get(code)?.hotline;
    expect(hotline('BJ-GAS')).toBe('96777');
    expect(hotline('BJ-WATER')).toBe('96116');
    expect(hotline('BJ-POWER')).toBe('95598');
    expect(hotline('BJ-HEAT')).toBe('96069');
    expect(units.get('BJ-GAS')).toMatchObject({ name: '北京燃气集团', kind: 'utility' });
  });

  it('has a district government for each district as the territorial fallback', () => {
    expect(units.districtGovernment('110108')).toMatchObject({ code: '110108', name: '海淀区人民政府', kind: 'district' });
  });

  it('fits every code and name in the case columns', () => {
    for (const unit of units.units) {
      expect(unit.code.length).toBeLessThanOrEqual(32);
      expect(unit.name.length).toBeLessThanOrEqual(128);
    }
  });
});

describe('validating units.json', () => {
  const base = shipped as UnitsData;

  it('takes a district’s own name for a department where it differs', () => {
    const directory = buildUnitDirectory({ ...base, departmentNames: { '110101-ZJW': '东城区住房和城市建设委员会' } });
    expect(directory.department('110101', 'ZJW')?.name).toBe('东城区住房和城市建设委员会');
    expect(directory.department('110102', 'ZJW')?.name).toBe('西城区住房和城乡建设委员会');
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      ...base,
      departments: [...base.departments, { line: 'RSJ', name: '{district}人社局', city: 'BJ-NOPE' }, { line: 'bad', name: 'x', city: 'BJ-RSJ' }],
      departmentNames: { '110199-ZJW': '不存在的区' },
      utilities: [...base.utilities, { code: 'GAS', name: '某燃气公司', hotline: '96-777' }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'department #18: line RSJ listed twice',
        'department #18: city body BJ-NOPE is not in "city"',
        'department #19: line bad must be 2–6 capital letters',
        'departmentNames: 110199-ZJW is not a department',
        'utility #7: code GAS must look like BJ-NAME',
        'GAS: hotline must be 5–8 digits',
      ]),
    );
  });

  it('needs a formal-name template for every township kind', () => {
    expect(problemsOf({ ...base, streetFormalNames: { 街道: '{name}办事处' } })).toContain('streetFormalNames: no template for kind 镇');
  });
});
