import { BEIJING_DISTRICTS, BEIJING_TOWNSHIPS, type District, type Township } from '../../flows/domain/places/beijing-divisions.ts';
import { normaliseForMatching } from '../../flows/domain/understand/fold.ts';

/**
 * Maps the district and street a model names onto Beijing's real divisions, or onto nothing. A
 * model may abbreviate (朝阳, 望京), use an old suffix (回龙观镇, 密云县) or prefix the city; it may
 * also invent a place, name one outside Beijing, or contradict itself. Only names that resolve to
 * exactly one division survive.
 */

export interface ResolvedPlace {
  district?: District;
  street?: Township;
}

// Longest first, so 于家务回族乡 loses 回族乡 rather than 乡.
const TOWNSHIP_SUFFIXES = ['街道办事处', '地区办事处', '街道办', '回族乡', '满族乡', '镇政府', '乡政府', '办事处', '街道', '地区', '镇', '乡'];
const CITY_PREFIX = /^(北京市|北京)/;

const fold = (name: string) => normaliseForMatching(name).replace(/\s+/g, '');

function districtStem(district: District): string {
  return district.name.endsWith('区') ? district.name.slice(0, -1) : district.name;
}

function stripSuffix(name: string): string {
  const suffix = TOWNSHIP_SUFFIXES.find((s) => name.endsWith(s) && name.length > s.length);
  return suffix ? name.slice(0, -suffix.length) : name;
}

let townshipsByStem: Map<string, Township[]> | undefined;

function byStem(): Map<string, Township[]> {
  if (townshipsByStem) return townshipsByStem;
  const map = new Map<string, Township[]>();
  for (const township of BEIJING_TOWNSHIPS) {
    // Functional zones (北京经济技术开发区) are only ever matched by their full name.
    if (township.kind === '功能区') continue;
    const stem = stripSuffix(township.name);
    map.set(stem, [...(map.get(stem) ?? []), township]);
  }
  townshipsByStem = map;
  return map;
}

/** 朝阳 / 朝阳区 / 北京市朝阳区 / 朝陽區 / 密云县 → the district; anything else → undefined. */
export function resolveDistrict(name: string): District | undefined {
  const cleaned = fold(name).replace(CITY_PREFIX, '');
  if (!cleaned) return undefined;
  return BEIJING_DISTRICTS.find((d) => cleaned === d.name || cleaned === districtStem(d) || cleaned === `${districtStem(d)}县`);
}

/** The district a street name starts with (朝阳区望京街道), and the rest of the name. */
function splitDistrictPrefix(name: string): { district?: District; rest: string } {
  for (const district of BEIJING_DISTRICTS) {
    for (const prefix of [district.name, districtStem(district)]) {
      if (name.startsWith(prefix) && name.length > prefix.length) return { district, rest: name.slice(prefix.length) };
    }
  }
  return { rest: name };
}

/** Townships a (cleaned, district-free) name could mean: its full name, or its stem with any unit suffix. */
function townshipsNamed(name: string): Township[] {
  const exact = BEIJING_TOWNSHIPS.filter((t) => t.name === name);
  if (exact.length > 0) return exact;
  return byStem().get(stripSuffix(name)) ?? [];
}

/**
 * Resolves what the model said about the place. `knownDistrict` is what the conversation already
 * knows: it breaks a tie between streets of the same name (八里庄街道 is in 朝阳 and in 海淀) when
 * the model names no district. A street outside the district named (or known) is a contradiction:
 * no place survives, and the rules or a question decide.
 */
export function resolvePlace(district: string | undefined, street: string | undefined, knownDistrict?: string): ResolvedPlace {
  let named = district === undefined ? undefined : resolveDistrict(district);
  if (street === undefined) return named ? { district: named } : {};

  // The whole name first: some townships begin with the city's name (北京经济技术开发区) or with a
  // district's stem (朝阳门街道 is in 东城).
  let streetName = fold(street);
  let candidates = townshipsNamed(streetName);
  if (candidates.length === 0) {
    streetName = streetName.replace(CITY_PREFIX, '');
    candidates = townshipsNamed(streetName);
  }
  if (candidates.length === 0) {
    const split = splitDistrictPrefix(streetName);
    if (split.district) {
      if (named && named.code !== split.district.code) return {};
      named = split.district;
      streetName = split.rest;
      candidates = townshipsNamed(streetName);
    }
  }
  const within = named ?? (knownDistrict === undefined ? undefined : resolveDistrict(knownDistrict));
  if (within) {
    const inDistrict = candidates.filter((t) => t.districtCode === within.code);
    if (candidates.length > 0 && inDistrict.length === 0) return {};
    candidates = inDistrict;
  }
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (!only) return named ? { district: named } : {};
  const ofStreet = BEIJING_DISTRICTS.find((d) => d.code === only.districtCode);
  return { district: ofStreet, street: only };
}
