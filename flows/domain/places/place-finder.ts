/**
 * Finds the district and township ("street", 街乡镇) a citizen names, so a case can be routed to the
 * unit that owns the place (属地). Rule-based and pure: it runs on every chat message.
 */
import { normaliseForMatching } from '../understand/fold.ts';
import type { Township } from './beijing-divisions.ts';
import { isAmbiguousBareName, isEverydayName, longestNameAt, townshipsWithCommonStem } from './place-names.ts';
import type { PlaceName } from './place-names.ts';

export interface DistrictRef {
  code: string;
  name: string;
}

export interface StreetRef {
  code: string;
  name: string;
  districtCode: string;
  district: string;
}

export interface PlaceMatch {
  district?: DistrictRef;
  street?: StreetRef;
  /** Several streets fit and nothing decides between them: the caller will ask with options. */
  candidates?: StreetRef[];
  /**
   * Index just after the last place name matched in the text (so the caller can read the detailed
   * address that follows), or -1. A bare name that begins a road (中关村大街, 朝阳北路) is part of the
   * address, and so is a bare name that is itself a road (学院路): for those the index is where the
   * name starts.
   */
  end: number;
}

export interface FindPlacesOptions {
  /** The bot has just asked where: bare township names (望京, 回龙观) count without a district before them. */
  expectingPlace?: boolean;
}

/** One place name found in the text, before deciding what the text as a whole means. */
export interface PlaceMention {
  start: number;
  end: number;
  name: Exclude<PlaceName, { kind: 'not-place' }>;
  /** False for a bare township name outside a place context: it is probably a coincidence. */
  accepted: boolean;
  /** Said as 不是朝阳区 / 不在海淀: weaker than any other mention. */
  negated: boolean;
  /** A bare name followed by a road word (中关村大街): a road that may cross several streets. */
  beginsRoad: boolean;
  /** A bare name that is (the start of) a road's name, 中关村大街 or 学院路30号: part of the detailed address. */
  inAddress: boolean;
}

// 大街/路/街/桥/胡同/环路 after a bare name make it a road's name; 路灯/路口/路面 are things on a road.
const ROAD_AFTER = /^[东西南北中外内]?(?:大街|大道|路(?![灯口面边上旁])|街(?!道)|桥|胡同|环路)/;
const ROAD_NAME = /(?:路|街)$/;
const NEGATION_BEFORE = /(?:不是|不在|并非|而非|不是在)$/;
// What makes a bare name a place even with no district before it: 住在回龙观, 在望京上班, 回龙观那边,
// 回龙观龙泽苑东区12号楼 (an estate and building follow), 望京西园三区.
const LOCATIVE_BEFORE = /(?:在|住|于|家|地址[:：]?|位置[:：]?)$/;
const AREA_AFTER = /^(?:这边|那边|附近|一带|地区|片区|那块|这块|那片|这片|周边|小区|社区|的小区)/;
const ADDRESS_AFTER =
  /^[\u4e00-\u9fffA-Za-z]{0,8}?(?:\d+|[一二三四五六七八九十]+)(?:号楼|号院|号|栋|幢|单元)|^[\u4e00-\u9fff]{0,6}?(?:小区|家园|花园|公寓|北里|南里|东里|西里|[东西南北中]?[一二三四五六七八九十\d]区)/;

/** Whether a bare township name at [start, end) reads as a place without a district before it. */
function bareNameInContext(text: string, start: number, end: number): boolean {
  if (isAmbiguousBareName(text.slice(start, end))) return false;
  return (
    isEverydayName(text.slice(start, end)) ||
    LOCATIVE_BEFORE.test(text.slice(Math.max(0, start - 3), start)) ||
    AREA_AFTER.test(text.slice(end)) ||
    ADDRESS_AFTER.test(text.slice(end, end + 14))
  );
}

/** All place names in already-normalised text, leftmost-longest, without overlaps. */
export function scanPlaceMentions(text: string, opts: FindPlacesOptions = {}): PlaceMention[] {
  const mentions: PlaceMention[] = [];
  let placeContext = opts.expectingPlace === true;
  // Townships already named in full: a later bare mention of one names an estate (望京街道望京西园).
  const namedInFull = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const hit = longestNameAt(text, i);
    if (!hit) {
      i++;
      continue;
    }
    if (hit.name.kind !== 'not-place') {
      const bare = hit.name.bare;
      const accepted = hit.name.kind === 'district' || !bare || placeContext || bareNameInContext(text, i, hit.end);
      const beginsRoad = bare && ROAD_AFTER.test(text.slice(hit.end, hit.end + 3));
      const townshipCodes = hit.name.kind === 'township' ? hit.name.townships.map((t) => t.code) : [];
      const repeatsFullName = bare && townshipCodes.some((code) => namedInFull.has(code));
      if (!bare) for (const code of townshipCodes) namedInFull.add(code);
      mentions.push({
        start: i,
        end: hit.end,
        name: hit.name,
        accepted,
        negated: NEGATION_BEFORE.test(text.slice(Math.max(0, i - 3), i)),
        beginsRoad,
        inAddress: beginsRoad || repeatsFullName || (bare && ROAD_NAME.test(text.slice(i, hit.end))),
      });
      if (accepted) placeContext = true;
    }
    // A longer name hides the shorter ones inside it, even when it is not accepted itself:
    // 朝阳门 (a gate in 东城) must not become 朝阳区.
    i = hit.end;
  }
  return mentions;
}

function streetRef(t: Township): StreetRef {
  return { code: t.code, name: t.name, districtCode: t.districtCode, district: t.district };
}

function uniqueByCode<T extends { code: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.code) ? false : (seen.add(item.code), true)));
}

/** Mentions said as "not X" count only when nothing else was said. */
function preferAffirmed(mentions: PlaceMention[]): PlaceMention[] {
  const affirmed = mentions.filter((m) => !m.negated);
  return affirmed.length > 0 ? affirmed : mentions;
}

/** Decide what the accepted mentions say together. */
export function resolvePlaceMentions(all: PlaceMention[]): PlaceMatch {
  // A road named after a township (中关村大街) may cross several townships: it does not decide the
  // street. A road named after a district (朝阳北路) does lie in it, so that one still counts.
  const mentions = all.filter((m) => m.accepted && !(m.beginsRoad && m.name.kind === 'township'));
  if (mentions.length === 0) return { end: -1 };
  const end = Math.max(...mentions.map((m) => (m.inAddress ? m.start : m.end)));

  const districts = uniqueByCode(
    preferAffirmed(mentions.filter((m) => m.name.kind === 'district')).flatMap((m) =>
      m.name.kind === 'district' ? [m.name.district] : [],
    ),
  );
  const townships = uniqueByCode(
    preferAffirmed(mentions.filter((m) => m.name.kind === 'township')).flatMap((m) =>
      m.name.kind === 'township' ? m.name.townships : [],
    ),
  );

  if (townships.length === 0) {
    // Several districts and no street: the last one said is usually the one meant (改成海淀区).
    const district = districts[districts.length - 1];
    return district ? { district: { code: district.code, name: district.name }, end } : { end };
  }

  const mentioned = new Set(districts.map((d) => d.code));
  const consistent = townships.filter((t) => mentioned.has(t.districtCode));
  // A district that fits no street mentioned is a contradiction the citizen must settle: offer the
  // streets as they are, not a guess at which half was wrong.
  const contradiction = districts.length > 0 && consistent.length === 0;
  const fitting = consistent.length > 0 ? consistent : townships;
  if (fitting.length === 1 && !contradiction) {
    const street = streetRef(fitting[0]!);
    return { district: { code: street.districtCode, name: street.district }, street, end };
  }
  const candidates = fitting.map(streetRef);
  // 天通苑 fits two streets of one district: the district at least is settled.
  const sameDistrict = candidates.every((c) => c.districtCode === candidates[0]!.districtCode);
  const district =
    sameDistrict && candidates[0] && !contradiction
      ? { code: candidates[0].districtCode, name: candidates[0].district }
      : undefined;
  return district ? { district, candidates, end } : { candidates, end };
}

// What may surround a one-word answer to "which street?": 光明 / 在光明那边 / 光明。
const ANSWER_NOISE = /^(?:在|是|我在|住在)|(?:这边|那边|附近|一带|吧|啊|呢)$|[\s\p{P}\p{S}]/gu;

/** Places in already-normalised text, with the mentions behind the decision (the address reads them). */
export function findPlacesIn(text: string, opts: FindPlacesOptions = {}): { match: PlaceMatch; mentions: PlaceMention[] } {
  const mentions = scanPlaceMentions(text, opts);
  const match = resolvePlaceMentions(mentions);
  if (match.end >= 0 || !opts.expectingPlace) return { match, mentions };

  // Asked "which street?", a reply that is nothing but a common-word stem (光明, 东风) is that street.
  const answer = text.replace(ANSWER_NOISE, '');
  const townships = townshipsWithCommonStem(answer);
  if (townships.length === 0) return { match, mentions };
  const at = text.indexOf(answer);
  const mention: PlaceMention = {
    start: at,
    end: at + answer.length,
    name: { kind: 'township', townships, bare: true },
    accepted: true,
    negated: false,
    beginsRoad: false,
    inAddress: false,
  };
  return { match: resolvePlaceMentions([mention]), mentions: [mention] };
}

/**
 * Find the district and street named in a message.
 * Traditional characters and full-width letters are folded first; indices refer to the original text.
 */
export function findPlaces(text: string, opts: FindPlacesOptions = {}): PlaceMatch {
  return findPlacesIn(normaliseForMatching(text), opts).match;
}
