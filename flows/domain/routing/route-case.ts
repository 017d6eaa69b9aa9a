import { categoryTree, resolveCategoryRef, type CategoryTree } from '../categories/category-tree.ts';
import shippedLevels from './response-levels.json' with { type: 'json' };
import shippedRules from './routing-rules.json' with { type: 'json' };
import { receivingUnit, unitDirectory, type ReceivingUnit, type Unit, type UnitDirectory } from './units.ts';

/**
 * 派单: from a case's category and place to the unit that receives it, with the rule that decided,
 * and the response level (四级响应) that sets its deadline.
 *
 * - By default the street or township where it happened (属地), else the district government, else
 *   nobody (the hotline dispatches by hand).
 * - In a development zone run by its own management committee (经开区), a line goes to the committee
 *   instead of the district's department, and a territorial case in the zone's own area too.
 * - A rule in routing-rules.json sends a category (and everything below it) to a line (条): the
 *   department of that line in the case's district, or the city body of the line when no district is
 *   known; or to a fixed unit (a utility, a city body); or back to the street, below a line rule.
 *   The most specific rule wins: the deepest category, then a rule limited to the case's district.
 * - response-levels.json gives each category a level; the deepest listed category wins, then a
 *   request type's override (a suggestion is never urgent), else the default.
 *
 * Pure: the data files are validated once, when first used (or by loadRouting() at start-up).
 */

export const RESPONSE_LEVELS = ['2h', '24h', '7d', '15d'] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];
export const DUE_HOURS: Readonly<Record<ResponseLevel, number>> = { '2h': 2, '24h': 24, '7d': 7 * 24, '15d': 15 * 24 };
const REQUEST_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'];

export interface RouteInput {
  categoryId?: string;
  districtCode?: string;
  streetCode?: string;
  /** 投诉, 建议…: a type may override the category's response level. */
  requestType?: string;
}

export interface RoutingDecision {
  unit: ReceivingUnit | null;
  /** Which rule chose the unit, e.g. `line:wage-arrears→district:RSJ` or `territorial:street`. */
  rule: string;
  responseLevel: ResponseLevel;
  dueHours: number;
}

export type RuleTarget = { kind: 'street' } | { kind: 'line'; line: string } | { kind: 'unit'; code: string };

export interface RoutingRule {
  id: string;
  categoryIds: string[];
  to: RuleTarget;
  /** Limits the rule to these districts; absent: everywhere. */
  districts?: string[];
  note?: string;
}

export interface Router {
  route(input: RouteInput): RoutingDecision;
  /**
   * Whether the receiving unit depends on the street: not for a line's department in a district without
   * a development zone, nor for a fixed unit. Intake asks for the street only when it does.
   */
  needsStreet(input: RouteInput): boolean;
  /** Whether the case needs a place at all: not for a city body that takes it wherever it happened (a taxi). */
  needsPlace(input: RouteInput): boolean;
  readonly rules: readonly RoutingRule[];
  /** The level a category gets (before any request-type override). */
  levelOf(categoryId: string | undefined): ResponseLevel;
}

export class RoutingDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`routing data has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'RoutingDataError';
  }
}

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLevel(value: unknown): value is ResponseLevel {
  return typeof value === 'string' && (RESPONSE_LEVELS as readonly string[]).includes(value);
}

function parseTarget(to: unknown, units: UnitDirectory): RuleTarget | string {
  if (to === 'street') return { kind: 'street' };
  if (typeof to === 'string' && to.startsWith('district:')) {
    const line = to.slice('district:'.length);
    return units.lines.includes(line) ? { kind: 'line', line } : `line ${line} is not in units.json`;
  }
  if (typeof to === 'string' && to.startsWith('unit:')) {
    const code = to.slice('unit:'.length);
    const unit = units.get(code);
    if (!unit) return `unit ${code} does not exist`;
    return unit.kind === 'city' || unit.kind === 'utility' ? { kind: 'unit', code } : `unit ${code} is a ${unit.kind}; use "street" or "district:<line>"`;
  }
  return `"to" must be "street", "district:<line>" or "unit:<code>", not ${JSON.stringify(to)}`;
}

function readRules(data: unknown, tree: CategoryTree, units: UnitDirectory, problems: string[]): RoutingRule[] {
  if (!isRecord(data) || !Array.isArray(data.rules)) {
    problems.push('routing rules: the file must hold { "rules": [...] }');
    return [];
  }
  const rules: RoutingRule[] = [];
  const ids = new Set<string>();
  const claimed = new Map<string, string>();
  for (const [i, raw] of data.rules.entries()) {
    if (!isRecord(raw)) {
      problems.push(`rule #${i + 1}: must be an object`);
      continue;
    }
    // Bounded so that the longest rule string fits the case's routing_rule column (128).
    const id = typeof raw.id === 'string' && RULE_ID.test(raw.id) && raw.id.length <= 40 ? raw.id : undefined;
    const where = `rule ${id ?? `#${i + 1}`}`;
    if (!id) problems.push(`rule #${i + 1}: id must be lower-case words joined by "-" (at most 40 characters), e.g. wage-arrears`);
    else if (ids.has(id)) problems.push(`${where}: id used twice`);
    if (id) ids.add(id);
    const target = parseTarget(raw.to, units);
    if (typeof target === 'string') problems.push(`${where}: ${target}`);
    const categoryIds: string[] = [];
    if (!Array.isArray(raw.categories) || raw.categories.length === 0) problems.push(`${where}: "categories" must list at least one category`);
    else {
      for (const ref of raw.categories) {
        const node = resolveCategoryRef(tree, ref);
        if (typeof node === 'string') problems.push(`${where}: ${node}`);
        else categoryIds.push(node.id);
      }
    }
    let districts: string[] | undefined;
    if (raw.districts !== undefined) {
      if (!Array.isArray(raw.districts) || raw.districts.length === 0) problems.push(`${where}: "districts" must list district codes`);
      else {
        districts = [];
        for (const code of raw.districts) {
          if (typeof code === 'string' && units.district(code)) districts.push(code);
          else problems.push(`${where}: district ${JSON.stringify(code)} does not exist`);
        }
      }
    }
    for (const categoryId of categoryIds) {
      for (const scope of districts ?? ['*']) {
        const key = `${categoryId}@${scope}`;
        const other = claimed.get(key);
        if (other) problems.push(`${where}: category ${categoryId} is already routed by rule ${other}${scope === '*' ? '' : ` in district ${scope}`}`);
        claimed.set(key, id ?? where);
      }
    }
    if (id && typeof target !== 'string') {
      rules.push({ id, categoryIds, to: target, ...(districts ? { districts } : {}), ...(typeof raw.note === 'string' ? { note: raw.note } : {}) });
    }
  }
  return rules;
}

interface Levels {
  fallback: ResponseLevel;
  byCategory: Map<string, ResponseLevel>;
  byType: Map<string, ResponseLevel>;
}

function readLevels(data: unknown, tree: CategoryTree, problems: string[]): Levels {
  const levels: Levels = { fallback: '7d', byCategory: new Map(), byType: new Map() };
  if (!isRecord(data)) {
    problems.push('response levels: the file must hold one JSON object');
    return levels;
  }
  if (isLevel(data.default)) levels.fallback = data.default;
  else problems.push(`response levels: "default" must be one of ${RESPONSE_LEVELS.join(', ')}`);
  if (data.byType !== undefined) {
    if (!isRecord(data.byType)) problems.push('response levels: "byType" must map request types to levels');
    else {
      for (const [type, level] of Object.entries(data.byType)) {
        if (!REQUEST_TYPES.includes(type)) problems.push(`response levels: byType.${type} is not a request type (${REQUEST_TYPES.join(', ')})`);
        else if (!isLevel(level)) problems.push(`response levels: byType.${type} must be one of ${RESPONSE_LEVELS.join(', ')}`);
        else levels.byType.set(type, level);
      }
    }
  }
  if (!isRecord(data.levels)) problems.push('response levels: "levels" must map each level to a list of categories');
  else {
    for (const [level, refs] of Object.entries(data.levels)) {
      if (!isLevel(level)) {
        problems.push(`response levels: "${level}" is not one of ${RESPONSE_LEVELS.join(', ')}`);
        continue;
      }
      if (!Array.isArray(refs)) {
        problems.push(`response levels: "${level}" must be a list`);
        continue;
      }
      for (const ref of refs) {
        const node = resolveCategoryRef(tree, ref);
        if (typeof node === 'string') problems.push(`response levels ${level}: ${node}`);
        else if (levels.byCategory.has(node.id)) problems.push(`response levels ${level}: category ${node.id} already has level ${levels.byCategory.get(node.id)}`);
        else levels.byCategory.set(node.id, level);
      }
    }
  }
  return levels;
}

/** Validate the routing table and the response levels against the tree and the units. */
export function createRouter(rulesData: unknown, levelsData: unknown, tree: CategoryTree = categoryTree(), units: UnitDirectory = unitDirectory()): Router {
  const problems: string[] = [];
  const rules = readRules(rulesData, tree, units, problems);
  const levels = readLevels(levelsData, tree, problems);
  if (problems.length > 0) throw new RoutingDataError(problems);

  // Rules by category: district-limited ones first, so they win over the general rule of that category.
  const byCategory = new Map<string, RoutingRule[]>();
  for (const rule of rules) {
    for (const id of rule.categoryIds) {
      const list = byCategory.get(id) ?? [];
      list.push(rule);
      list.sort((a, b) => Number(b.districts !== undefined) - Number(a.districts !== undefined));
      byCategory.set(id, list);
    }
  }

  const ancestry = (categoryId: string | undefined) => (categoryId ? tree.path(categoryId).reverse() : []);

  const levelOf = (categoryId: string | undefined): ResponseLevel => {
    for (const node of ancestry(categoryId)) {
      const level = levels.byCategory.get(node.id);
      if (level) return level;
    }
    return levels.fallback;
  };

  const ruleFor = (categoryId: string | undefined, districtCode: string | undefined) => {
    for (const node of ancestry(categoryId)) {
      const rule = byCategory.get(node.id)?.find((r) => !r.districts || (districtCode !== undefined && r.districts.includes(districtCode)));
      if (rule) return rule;
    }
    return undefined;
  };

  function route(input: RouteInput): RoutingDecision {
    const street = input.streetCode ? units.street(input.streetCode) : undefined;
    const zone = street ? units.zoneOf(street.code) : undefined;
    // The street's own district wins over a district given separately: the street is the finer fact.
    const districtCode = street?.districtCode ?? (input.districtCode && units.district(input.districtCode) ? input.districtCode : undefined);
    const rule = ruleFor(input.categoryId, districtCode);
    const typeLevel = input.requestType ? levels.byType.get(input.requestType) : undefined;
    const responseLevel = typeLevel ?? levelOf(input.categoryId);
    const decide = (unit: Unit | undefined, why: string): RoutingDecision => ({
      unit: unit ? receivingUnit(unit) : null,
      rule: why,
      responseLevel,
      dueHours: DUE_HOURS[responseLevel],
    });

    const territorial = (ruleId?: string) => {
      const named = ruleId ? `territorial:${ruleId}→` : 'territorial:';
      if (zone && street?.code === zone.area) return decide(zone.unit, `${named}zone`);
      if (street) return decide(street, `${named}street`);
      const government = districtCode ? units.districtGovernment(districtCode) : undefined;
      if (government) return decide(government, `${named}district`);
      return decide(undefined, ruleId ? `unrouted:${ruleId}→no-place` : 'unrouted:no-place');
    };

    if (!rule) return territorial();
    switch (rule.to.kind) {
      case 'street':
        return territorial(rule.id);
      case 'line': {
        if (zone) return decide(zone.unit, `line:${rule.id}→zone:${zone.unit.code}`);
        const department = districtCode ? units.department(districtCode, rule.to.line) : undefined;
        if (department) return decide(department, `line:${rule.id}→district:${rule.to.line}`);
        const city = units.cityFor(rule.to.line);
        return city ? decide(city, `line:${rule.id}→city:${rule.to.line}`) : territorial();
      }
      case 'unit': {
        const unit = units.get(rule.to.code);
        return decide(unit, `${unit?.kind === 'utility' ? 'utility' : 'city'}:${rule.id}→${rule.to.code}`);
      }
    }
  }

  // Districts with streets a development zone's committee runs: there the street decides a line's unit too.
  const zoneDistricts = new Set(units.units.filter((u) => units.zoneOf(u.code) !== undefined).map((u) => u.districtCode));

  function needsStreet(input: RouteInput): boolean {
    const rule = ruleFor(input.categoryId, input.districtCode);
    if (!rule || rule.to.kind === 'street') return true;
    if (rule.to.kind === 'unit') return false;
    return input.districtCode === undefined || zoneDistricts.has(input.districtCode);
  }

  function needsPlace(input: RouteInput): boolean {
    const to = ruleFor(input.categoryId, input.districtCode)?.to;
    // A utility sends a crew to the place; a city body (the transport commission for a taxi) does not need it.
    return to?.kind !== 'unit' || units.get(to.code)?.kind === 'utility';
  }

  return { route, needsStreet, needsPlace, rules, levelOf };
}

let shipped: Router | undefined;

/** The shipped routing table, levels, tree and units, validated; call once at start-up to fail early. */
export function loadRouting(): Router {
  shipped ??= createRouter(shippedRules, shippedLevels);
  return shipped;
}

/** Whether the shipped routing needs the street to choose the unit (see Router.needsStreet). */
export function routingNeedsStreet(input: RouteInput): boolean {
  return loadRouting().needsStreet(input);
}

/** Whether the shipped routing needs the place at all (see Router.needsPlace). */
export function routingNeedsPlace(input: RouteInput): boolean {
  return loadRouting().needsPlace(input);
}

/** Route a case with the shipped data. Pure apart from validating the data the first time. */
export function routeCase(input: RouteInput): RoutingDecision {
  return loadRouting().route(input);
}
