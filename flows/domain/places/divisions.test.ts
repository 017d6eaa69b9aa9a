import { describe, expect, it } from 'vitest';
import { BEIJING_DISTRICTS, BEIJING_TOWNSHIPS } from './beijing-divisions.ts';
import { renderDivisionsModule } from './generate-divisions.ts';
import { COMMON_WORD_STEMS, stemOf } from './place-names.ts';

describe('Beijing divisions data', () => {
  it('has the 16 districts and 349 township-level units', () => {
    expect(BEIJING_DISTRICTS).toHaveLength(16);
    expect(BEIJING_TOWNSHIPS).toHaveLength(349);
  });

  it('nests every township code inside its district code', () => {
    const districts = new Map(BEIJING_DISTRICTS.map((d) => [d.code, d.name]));
    for (const t of BEIJING_TOWNSHIPS) {
      expect(t.code.startsWith(t.districtCode)).toBe(true);
      expect(districts.get(t.districtCode)).toBe(t.district);
    }
  });

  it('has exactly one township name used in two districts (八里庄街道)', () => {
    const counts = new Map<string, number>();
    for (const t of BEIJING_TOWNSHIPS) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([name]) => name)).toEqual(['八里庄街道']);
  });

  it('lists only real township stems as common words', () => {
    const stems = new Set(BEIJING_TOWNSHIPS.map(stemOf));
    for (const stem of COMMON_WORD_STEMS) expect(stems.has(stem), stem).toBe(true);
  });
});

describe('renderDivisionsModule', () => {
  const districts = ['district_code,district_name,street_count']
    .concat(Array.from({ length: 16 }, (_, i) => `1101${String(i + 1).padStart(2, '0')},测试${i + 1}区,1`))
    .join('\n');

  it('writes a typed module from the two CSV files', () => {
    const streets = 'street_code,street_name,kind,district_code,district_name\n110101001,甲街道,地区(办事处),110101,测试1区\n';
    const text = renderDivisionsModule(districts, streets);
    expect(text).toContain("{ code: '110101', name: '测试1区' },");
    expect(text).toContain(
      "{ code: '110101001', name: '甲街道', kind: '地区', districtCode: '110101', district: '测试1区' },",
    );
    expect(text).toContain('modood/Administrative-divisions-of-China');
  });

  it('refuses a township whose code is outside its district', () => {
    const streets = 'street_code,street_name,kind,district_code,district_name\n110102001,乙街道,街道,110101,测试1区\n';
    expect(() => renderDivisionsModule(districts, streets)).toThrow(/bad code/);
  });

  it('refuses an unknown kind of unit', () => {
    const streets = 'street_code,street_name,kind,district_code,district_name\n110101001,丙街道,村,110101,测试1区\n';
    expect(() => renderDivisionsModule(districts, streets)).toThrow(/unknown kind/);
  });
});
