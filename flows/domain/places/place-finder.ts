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
  /**
   * Part of the detailed address: a bare name that is (the start of) a road's name (中关村大街, 学院路30号),
   * a name in a landmark's name (朝阳医院, 望京soho), a township named again (望京街道 … 望京西园), or an
   * end of a route (天通苑到望京).
   */
  inAddress: boolean;
  /** A bare stem after a street named in full: part of an estate's name (滨河街道金海湖小区), no place of its own. */
  namesEstate?: boolean;
  /** A stem in a landmark's name (天坛医院): the landmark may stand elsewhere (the new 天坛医院 is in 丰台). */
  namesLandmark?: boolean;
  /** The far end of a route (…到望京): where the route goes, not where the case is. */
  routeEnd?: boolean;
}

// 大街/路/街/桥/胡同/环路 after a bare name make it a road's name; 路灯/路口/路面 are things on a road.
// (街到 is 街道 mistyped, as pinyin input often gives it.)
const ROAD_AFTER = /^[东西南北中外内]?(?:大街|大道|路(?![灯口面边上旁])|街(?![道到])|桥|胡同|环路)/;
const ROAD_NAME = /(?:路|街)$/;
// A place name straight before one of these names a landmark (朝阳医院, 西二旗地铁站, 望京soho): the name
// still places the case, and belongs to the address too.
const LANDMARK_AFTER = /^(?:医院|地铁站|火车站|汽车站|公交站|站(?![着起在住])|商场|商城|购物中心|soho|大厦|广场|公园|体育场|体育馆|小学|中学|大学)/i;
// Between two places, a route: 天通苑到望京, 从回龙观到西直门, 回龙观站至西二旗.
const ROUTE_BETWEEN = /^(?:地铁站|站)?(?:到|至|开往|直达)$/;
const NEGATION_BEFORE = /(?:不是|不在|并非|而非|不是在)$/;
// 往斋堂走 / 朝昌平开 / 霍营方向: a direction of travel.
const TOWARDS_BEFORE = /(?:往|朝|向|去往|开往)$/;
const TOWARDS_AFTER = /^(?:走|开|去|方向|那边走|那个方向)/;
const HEADING_AFTER = /^方向/;
// 鲁谷？不对 八角南里: a name taken back as soon as it is said.
const NEGATION_AFTER = /^[？?，,。\s]*(?:不对|错了|说错了)/;
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

// A direction starting a word glued to a bare name makes another place's name: 西黄村 is a village in
// 石景山, not 大兴's 黄村; 城北回龙观 is still 回龙观.
const WORD_START_BEFORE = /^(?:|[\s\p{P}\p{S}在住去到从是的个])$/u;

function namesAnotherPlace(text: string, start: number, bare: boolean): boolean {
  return bare && start > 0 && /[东西南北]/.test(text[start - 1]!) && WORD_START_BEFORE.test(text.slice(Math.max(0, start - 2), start - 1));
}

/** All place names in already-normalised text, leftmost-longest, without overlaps. */
export function scanPlaceMentions(text: string, opts: FindPlacesOptions = {}): PlaceMention[] {
  const mentions: PlaceMention[] = [];
  let placeContext = opts.expectingPlace === true;
  // Townships already named: a later mention of one names an estate (望京街道望京西园, 望京的…望京西园店).
  const named = new Set<string>();
  let streetNamedInFull = false;
  let i = 0;
  while (i < text.length) {
    const hit = longestNameAt(text, i);
    if (!hit) {
      i++;
      continue;
    }
    if (hit.name.kind !== 'not-place' && !namesAnotherPlace(text, i, hit.name.bare)) {
      const bare = hit.name.bare;
      const accepted = hit.name.kind === 'district' || !bare || placeContext || bareNameInContext(text, i, hit.end);
      const beginsRoad = bare && ROAD_AFTER.test(text.slice(hit.end, hit.end + 3));
      const townshipCodes = hit.name.kind === 'township' ? hit.name.townships.map((t) => t.code) : [];
      const repeatsName = bare && townshipCodes.some((code) => named.has(code));
      // After a street named in full (平谷区滨河街道), a bare stem names an estate (金海湖小区), not another street.
      const namesEstate = bare && hit.name.kind === 'township' && streetNamedInFull && !repeatsName;
      if (accepted) for (const code of townshipCodes) named.add(code);
      const namesLandmark = bare && LANDMARK_AFTER.test(text.slice(hit.end, hit.end + 4));
      mentions.push({
        start: i,
        end: hit.end,
        name: hit.name,
        accepted,
        negated: NEGATION_BEFORE.test(text.slice(Math.max(0, i - 3), i)) || NEGATION_AFTER.test(text.slice(hit.end, hit.end + 5)),
        beginsRoad,
        inAddress: beginsRoad || repeatsName || namesEstate || namesLandmark || (bare && ROAD_NAME.test(text.slice(i, hit.end))),
        ...(namesEstate ? { namesEstate } : {}),
        ...(namesLandmark ? { namesLandmark } : {}),
        // 往斋堂走, 霍营方向: where the road leads, not where the case is.
        ...(TOWARDS_BEFORE.test(text.slice(Math.max(0, i - 2), i)) && TOWARDS_AFTER.test(text.slice(hit.end, hit.end + 3)) ? { routeEnd: true } : {}),
        ...(HEADING_AFTER.test(text.slice(hit.end, hit.end + 3)) ? { routeEnd: true } : {}),
      });
      if (accepted) placeContext = true;
      if (accepted && hit.name.kind === 'township' && !bare) streetNamedInFull = true;
    }
    // A longer name hides the shorter ones inside it, even when it is not accepted itself:
    // 朝阳门 (a gate in 东城) must not become 朝阳区.
    i = hit.end;
  }
  markRoutes(text, mentions);
  return mentions;
}

/**
 * A route between two places (建议加开一条从天通苑到望京的公交) is not two candidate places: its start
 * places the case, and the route itself is the detailed address.
 */
function markRoutes(text: string, mentions: PlaceMention[]): void {
  for (let k = 1; k < mentions.length; k++) {
    const from = mentions[k - 1]!;
    const to = mentions[k]!;
    if (!from.accepted || !to.accepted || from.negated || to.negated || from.routeEnd) continue;
    if (!ROUTE_BETWEEN.test(text.slice(from.end, to.start))) continue;
    from.inAddress = true;
    to.inAddress = true;
    to.routeEnd = true;
  }
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
  const mentions = all.filter((m) => m.accepted && !m.routeEnd && !m.namesEstate && !(m.beginsRoad && m.name.kind === 'township'));
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
  // A district said against a landmark's name (天坛医院 … 丰台那个新的): the district is where it is.
  const townshipMentions = mentions.filter((m) => m.name.kind === 'township');
  if (districts.length === 1 && consistent.length === 0 && townshipMentions.every((m) => m.namesLandmark)) {
    return { district: { code: districts[0]!.code, name: districts[0]!.name }, end };
  }
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

export interface StreetChoiceMatch {
  street: StreetRef;
  /** Where the answer names it, to read the rest of the answer as the address. */
  start: number;
  end: number;
}

// Words every option may share: they decide nothing (北京 in 北京经济技术开发区, 街道, 地区).
const SHARED_WORDS = /^(?:北京|街道|地区|办事处)$/;

/** The longest part (two characters or more) of `name` that the text says and no other option's name has. */
function distinctivePart(text: string, name: string, others: string[]): { start: number; end: number } | undefined {
  for (let length = name.length; length >= 2; length--) {
    for (let from = 0; from + length <= name.length; from++) {
      const part = name.slice(from, from + length);
      if (SHARED_WORDS.test(part) || others.some((other) => other.includes(part))) continue;
      const at = text.indexOf(part);
      if (at >= 0) return { start: at, end: at + length };
    }
  }
  return undefined;
}

// 北边那个, 南面的, 北的: a side said for options that differ by their side (天通苑北 / 天通苑南).
const SIDE_SAID = /([东西南北])(?:边|面|侧|部|的|那个|那边|那块|那片)/g;

/** The option whose name alone has the side the answer says, when exactly one does. */
function chooseBySide(text: string, candidates: StreetRef[]): StreetChoiceMatch | undefined {
  const sideOf = (c: StreetRef) => {
    const own = [...new Set(c.name.match(/[东西南北]/g) ?? [])].filter((side) => !candidates.some((o) => o !== c && o.name.includes(side)));
    return own.length === 1 ? own[0] : undefined;
  };
  const picked = [...text.matchAll(SIDE_SAID)].flatMap((m) => {
    const fitting = candidates.filter((c) => sideOf(c) === m[1]);
    return fitting.length === 1 ? [{ street: fitting[0]!, start: m.index, end: m.index + m[0].length }] : [];
  });
  return picked.length > 0 && picked.every((p) => p.street.code === picked[0]!.street.code) ? picked[0] : undefined;
}

/**
 * Which of the offered streets an answer to "which one?" names, in words: a place name that fits one
 * option only (亦庄镇, 经开区), a part of one option's name that no other option has (开发区, 天通苑北), or
 * the district when only one option lies in it. Undefined when the answer names none, or two, or names
 * in full a street that is not offered.
 */
export function chooseStreet(text: string, candidates: StreetRef[]): StreetChoiceMatch | undefined {
  const normalised = normaliseForMatching(text);
  const mentions = scanPlaceMentions(normalised, { expectingPlace: true });
  // A street named in full that is none of the options (开发区那边的 荣华街道) is the answer itself.
  const codes = new Set(candidates.map((c) => c.code));
  if (mentions.some((m) => m.name.kind === 'township' && !m.name.bare && !m.name.townships.some((t) => codes.has(t.code)))) return undefined;
  const byMention = mentions.flatMap((m) => {
    if (m.name.kind !== 'township') return [];
    const codes = new Set(m.name.townships.map((t) => t.code));
    const fitting = candidates.filter((c) => codes.has(c.code));
    return fitting.length === 1 ? [{ street: fitting[0]!, start: m.start, end: m.end }] : [];
  });
  if (byMention.length > 0) {
    return byMention.every((c) => c.street.code === byMention[0]!.street.code) ? byMention[0] : undefined;
  }

  const names = candidates.map((c) => c.name);
  const byPart = candidates.flatMap((c, i) => {
    const part = distinctivePart(normalised, c.name, names.filter((_, j) => j !== i));
    return part ? [{ street: c, ...part }] : [];
  });
  const longest = Math.max(0, ...byPart.map((c) => c.end - c.start));
  const best = byPart.filter((c) => c.end - c.start === longest);
  if (best.length === 1) return best[0];
  if (best.length > 1) return undefined;

  const bySide = chooseBySide(normalised, candidates);
  if (bySide) return bySide;

  const districts = uniqueByCode(candidates.map((c) => ({ code: c.districtCode, name: c.district })));
  for (const district of districts) {
    const short = district.name.replace(/区$/, '');
    const at = normalised.indexOf(short);
    if (at < 0) continue;
    const inDistrict = candidates.filter((c) => c.districtCode === district.code);
    const end = normalised.startsWith(district.name, at) ? at + district.name.length : at + short.length;
    return inDistrict.length === 1 ? { street: inDistrict[0]!, start: at, end } : undefined;
  }
  return undefined;
}
