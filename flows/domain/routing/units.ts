import { BEIJING_DISTRICTS, BEIJING_TOWNSHIPS, type District, type Township } from '../places/beijing-divisions.ts';
import shippedUnits from './units.json' with { type: 'json' };

/**
 * The receiving units (承办单位) a case can be dispatched to:
 * - `street`: the 349 township-level units (街道/乡/镇/地区/功能区) of the national statistics list, code =
 *   9-digit NBS code, name as the city publishes it in its rankings (望京街道, 北宫镇); the office's formal
 *   name (望京街道办事处, 北宫镇人民政府) is kept as `formalName`;
 * - `district`: a district government, the territorial fallback when only the district is known;
 * - `department`: a district department, one per line (条) and district, code `<district>-<line>`
 *   (110105-RSJ);
 * - `city`: a city body (also the fallback for a line when no district is known), code `BJ-…`;
 * - `utility`: a public utility with its hotline, code `BJ-…`;
 * - a zone's management committee (kind `district`, code `BJ-…`): a development zone run by its own
 *   committee instead of the district's departments (北京经济技术开发区管理委员会 for 经开区/亦庄). Its
 *   `streets` take line cases to the committee; its `area` (the zone's own township-level unit) takes
 *   territorial cases too.
 *
 * Streets come from the divisions module, everything else from units.json (edited by the city).
 */

export type UnitKind = 'street' | 'district' | 'department' | 'city' | 'utility';

/** What a case stores and the citizen is told. */
export interface ReceivingUnit {
  code: string;
  name: string;
  kind: UnitKind;
}

export interface Unit extends ReceivingUnit {
  formalName?: string;
  /** For streets, district governments and departments. */
  districtCode?: string;
  /** For departments: the line (条), e.g. RSJ. */
  line?: string;
  hotline?: string;
}

export interface UnitsData {
  about?: string;
  streetFormalNames: Record<string, string>;
  districtGovernment: { name: string };
  departments: Array<{ line: string; name: string; short?: string; city: string; note?: string }>;
  /** Per-department name overrides by unit code, for districts whose official name differs. */
  departmentNames: Record<string, string>;
  city: Array<{ code: string; name: string; note?: string }>;
  utilities: Array<{ code: string; name: string; formalName?: string; hotline?: string; note?: string }>;
  /** Development zones run by their own management committee; optional. */
  zones?: Array<{ code: string; name: string; short?: string; area: string; streets: string[]; note?: string }>;
}

/** A development zone: its committee, the township-level unit that is the zone itself, and the streets it runs. */
export interface Zone {
  unit: Unit;
  area: string;
  streets: readonly string[];
}

export interface UnitDirectory {
  readonly units: readonly Unit[];
  readonly lines: readonly string[];
  get(code: string): Unit | undefined;
  /** A township-level unit by NBS code. */
  street(code: string): Unit | undefined;
  district(code: string): District | undefined;
  districtGovernment(districtCode: string): Unit | undefined;
  department(districtCode: string, line: string): Unit | undefined;
  /** The city body that holds a line when no district is known. */
  cityFor(line: string): Unit | undefined;
  /** The development zone whose committee runs this township-level unit, if any. */
  zoneOf(streetCode: string): Zone | undefined;
}

export class UnitDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`unit data has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'UnitDataError';
  }
}

const LINE = /^[A-Z]{2,6}$/;
const CITY_CODE = /^BJ-[A-Z0-9]{2,12}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export function fillName(template: string, district: District): string {
  return template.replaceAll('{district}', district.name).replaceAll('{districtShort}', district.name.replace(/区$/u, ''));
}

/** Validate units.json (every problem at once) and build the directory with the divisions. */
export function buildUnitDirectory(
  data: unknown,
  divisions: { districts: readonly District[]; townships: readonly Township[] } = { districts: BEIJING_DISTRICTS, townships: BEIJING_TOWNSHIPS },
): UnitDirectory {
  const problems: string[] = [];
  if (!isRecord(data)) throw new UnitDataError(['the file must hold one JSON object']);
  const units = new Map<string, Unit>();
  const put = (unit: Unit) => {
    if (units.has(unit.code)) problems.push(`unit code ${unit.code} used twice`);
    units.set(unit.code, unit);
  };

  const formal = isRecord(data.streetFormalNames) ? data.streetFormalNames : (problems.push('"streetFormalNames" must map each township kind to a name template'), {});
  const streets = new Map<string, Unit>();
  for (const t of divisions.townships) {
    const template = formal[t.kind];
    if (!text(template)) problems.push(`streetFormalNames: no template for kind ${t.kind}`);
    const unit: Unit = { code: t.code, name: t.name, kind: 'street', districtCode: t.districtCode };
    if (text(template)) unit.formalName = template.replaceAll('{name}', t.name);
    streets.set(t.code, unit);
    put(unit);
  }

  const cityCodes = new Set<string>();
  const readCity = (list: unknown, kind: 'city' | 'utility') => {
    if (!Array.isArray(list)) {
      problems.push(`"${kind === 'city' ? 'city' : 'utilities'}" must be a list`);
      return;
    }
    for (const [i, raw] of list.entries()) {
      const where = `${kind} #${i + 1}`;
      if (!isRecord(raw) || !text(raw.code) || !text(raw.name)) {
        problems.push(`${where}: needs a code and a name`);
        continue;
      }
      if (!CITY_CODE.test(raw.code)) problems.push(`${where}: code ${raw.code} must look like BJ-NAME`);
      if (raw.hotline !== undefined && !(typeof raw.hotline === 'string' && /^\d{5,8}$/.test(raw.hotline))) problems.push(`${raw.code}: hotline must be 5–8 digits`);
      const unit: Unit = { code: raw.code, name: raw.name, kind };
      if (text(raw.formalName)) unit.formalName = raw.formalName;
      if (typeof raw.hotline === 'string') unit.hotline = raw.hotline;
      cityCodes.add(raw.code);
      put(unit);
    }
  };
  readCity(data.city, 'city');
  readCity(data.utilities, 'utility');

  const governments = new Map<string, Unit>();
  const government = isRecord(data.districtGovernment) ? data.districtGovernment.name : undefined;
  if (!text(government)) problems.push('"districtGovernment.name" must be a name template');
  const overrides = isRecord(data.departmentNames) ? data.departmentNames : (problems.push('"departmentNames" must be an object (it may be empty)'), {});
  const departments = new Map<string, Unit>();
  const cityByLine = new Map<string, Unit>();
  const lines: string[] = [];
  const rawDepartments = Array.isArray(data.departments) ? data.departments : (problems.push('"departments" must be a list'), []);
  for (const [i, raw] of rawDepartments.entries()) {
    const where = `department #${i + 1}`;
    if (!isRecord(raw) || !text(raw.line) || !text(raw.name) || !text(raw.city)) {
      problems.push(`${where}: needs line, name and city`);
      continue;
    }
    if (!LINE.test(raw.line)) problems.push(`${where}: line ${raw.line} must be 2–6 capital letters`);
    if (lines.includes(raw.line)) problems.push(`${where}: line ${raw.line} listed twice`);
    if (!cityCodes.has(raw.city)) problems.push(`${where}: city body ${raw.city} is not in "city"`);
    lines.push(raw.line);
    for (const district of divisions.districts) {
      const code = `${district.code}-${raw.line}`;
      const override = overrides[code];
      const unit: Unit = {
        code,
        name: text(override) ? override : fillName(raw.name, district),
        kind: 'department',
        districtCode: district.code,
        line: raw.line,
      };
      departments.set(code, unit);
      put(unit);
    }
  }
  for (const code of Object.keys(overrides)) if (!departments.has(code)) problems.push(`departmentNames: ${code} is not a department`);
  if (text(government)) {
    for (const district of divisions.districts) {
      const unit: Unit = { code: district.code, name: fillName(government, district), kind: 'district', districtCode: district.code };
      governments.set(district.code, unit);
      put(unit);
    }
  }

  const zones = new Map<string, Zone>();
  if (data.zones !== undefined && !Array.isArray(data.zones)) problems.push('"zones" must be a list (it may be left out)');
  for (const [i, raw] of (Array.isArray(data.zones) ? data.zones : []).entries()) {
    const where = `zone #${i + 1}`;
    if (!isRecord(raw) || !text(raw.code) || !text(raw.name) || !text(raw.area) || !Array.isArray(raw.streets)) {
      problems.push(`${where}: needs code, name, area and streets`);
      continue;
    }
    if (!CITY_CODE.test(raw.code)) problems.push(`${where}: code ${raw.code} must look like BJ-NAME`);
    const unit: Unit = { code: raw.code, name: raw.name, kind: 'district' };
    put(unit);
    const streetCodes = [...new Set([raw.area, ...raw.streets.map(String)])];
    const zone: Zone = { unit, area: raw.area, streets: streetCodes };
    for (const code of streetCodes) {
      const street = streets.get(code);
      if (!street) problems.push(`${raw.code}: ${code} is not a township-level unit`);
      else if (zones.has(code)) problems.push(`${raw.code}: ${street.name} is already run by ${zones.get(code)!.unit.code}`);
      else zones.set(code, zone);
    }
    const districtCodes = new Set(streetCodes.flatMap((code) => streets.get(code)?.districtCode ?? []));
    if (districtCodes.size === 1) unit.districtCode = [...districtCodes][0]!;
  }

  if (problems.length > 0) throw new UnitDataError(problems);
  for (const raw of rawDepartments) {
    if (isRecord(raw) && typeof raw.line === 'string' && typeof raw.city === 'string') {
      const city = units.get(raw.city);
      if (city) cityByLine.set(raw.line, city);
    }
  }

  const districts = new Map(divisions.districts.map((d) => [d.code, d]));
  return {
    units: [...units.values()],
    lines,
    get: (code) => units.get(code),
    street: (code) => streets.get(code),
    district: (code) => districts.get(code),
    districtGovernment: (code) => governments.get(code),
    department: (districtCode, line) => departments.get(`${districtCode}-${line}`),
    cityFor: (line) => cityByLine.get(line),
    zoneOf: (code) => zones.get(code),
  };
}

let shipped: UnitDirectory | undefined;

/** The directory from units.json and the divisions, validated on first use. */
export function unitDirectory(): UnitDirectory {
  shipped ??= buildUnitDirectory(shippedUnits);
  return shipped;
}

/** Only what a case stores. */
export function receivingUnit(unit: Unit): ReceivingUnit {
  return { code: unit.code, name: unit.name, kind: unit.kind };
}
