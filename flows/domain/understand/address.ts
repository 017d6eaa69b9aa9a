/**
 * The detailed address below the street: estate, road, building, unit (花家地北里3号楼, 中关村大街27号).
 *
 * Chinese addresses run from large to small with no spaces, so the address is found from its right end:
 * a building number (12号楼2单元) or a locality word (小区, 胡同, 路), then extended left over the name
 * until a word that cannot be part of a name (在, 的, 了…) or a place name already matched.
 */
import { normaliseForMatching } from './fold.ts';
import { locatePhoneIn } from './phone.ts';
import { scanPlaceMentions } from '../places/place-finder.ts';
import type { PlaceMention } from '../places/place-finder.ts';

export interface AddressOptions {
  /** The bot just asked for the address: the whole reply, less place names, is the fallback. */
  expectingAddress?: boolean;
}

export interface AddressSpan {
  address: string;
  start: number;
  end: number;
}

const NUM = '(?:\\d+|[零〇一二三四五六七八九十两百]+)';
const UNIT = '(?:号楼|号院|号|栋|幢|座|单元|门|层|楼|室|户|区|期|排|巷|条|街|里)';
// 12号楼2单元301, 27号, 5-2-301
const NUMBERED = new RegExp(`${NUM}${UNIT}(?:-?${NUM}${UNIT}?)*|\\d+(?:-\\d+){1,2}`, 'g');
// Units that say "building" even with no name before them (3号楼, 502室); a bare 一楼 or 3号 does not.
const STRONG_UNIT = /号楼|号院|单元|栋|幢|室|^\d+(?:-\d+){1,2}$/;
const LOCALITY = /小区|社区|家园|花园|公寓|大厦|胡同|大街|北里|南里|东里|西里|广场|市场|公园|村(?!委)|路(?![灯口面边上旁])|街(?!道)/g;
// Locality words that name an estate even at the start of a message (幸福小区的电梯坏了); 社区, 路 or
// 公园 there are as likely to be a generic word (感谢社区的…).
const ESTATE = /^(?:小区|家园|花园|公寓|大厦|胡同|北里|南里|东里|西里)$/;
// Locality words that are common nouns when their last name character is this one (马路, 农村…).
const COMMON_NOUNS = new Set([
  '马路', '道路', '公路', '走路', '铁路', '线路', '网路', '思路', '出路', '山路', '小路', '大路', '一路', '上路',
  '农村', '乡村', '山村', '逛街', '上街', '满街', '过街', '沿街', '临街', '当街',
]);
// Characters that end a name when walking left: pronouns, particles, common verbs.
const STOP_CHARS = new Set('我你您他她它们的了在是有没不很太就都也还又被把给让这那哪些么什吗呢吧啊呀说要想住从对每走去到跟与或但而且并才只再更最已啦哦嗯喂请帮找问叫姓个着过');
const NAME_CHAR = /[\u4e00-\u9fffA-Za-z0-9·-]/;
const LEADING_NOISE = /^(?:投诉|举报|反映|求助|建议|咨询|地址|住址|位置|位于|地点|家住|就在)+/;
const PLACE_CONTEXT_BEFORE = /(?:在|住|于|地址|住址|位置|地点)[:：]?\s*$/;
const UNKNOWN_ANSWER = /不知道|不清楚|忘了|不记得|说不好|不方便|没有/;
// A reply that tells what happened rather than where (的路灯坏了好几天了) is no address.
const DESCRIBES_EVENT = /^的|了|吗|怎么|没人|太[\u4e00-\u9fff]/;
// Asked where, some answer with how to address them (张先生) or a yes/no: neither is a place.
const NOT_A_PLACE = /^[\u4e00-\u9fff]{1,3}(?:先生|女士|小姐|阿姨|师傅|大爷|大妈)$|^(?:是|不是|对|好的?|嗯|不用|不需要|需要|可以)$/;

interface Context {
  text: string;
  mentions: PlaceMention[];
  /** Index after the last accepted place name before a position: the address cannot start before it. */
  floorAt: (pos: number) => number;
  blocked: Array<[number, number]>;
}

/**
 * A bare township name written straight before more name characters names the estate as much as the
 * street (望京西园三区, 回龙观龙泽苑, 潘家园旧货市场): the address keeps it, as the citizen wrote it.
 */
function gluedToName(text: string, m: PlaceMention): boolean {
  if (m.name.kind !== 'township' || !m.name.bare) return false;
  const next = text[m.end];
  return next !== undefined && NAME_CHAR.test(next) && !STOP_CHARS.has(next) && !/\d/.test(next);
}

function mentionCovering(ctx: Context, pos: number): PlaceMention | undefined {
  return ctx.mentions.find((m) => m.start <= pos && pos < m.end);
}

/** Whether [start, end) touches a place name (十八里店) or a blocked span (the phone number). */
function overlaps(ctx: Context, start: number, end: number): boolean {
  return (
    ctx.mentions.some((m) => start < m.end && m.start < end) ||
    ctx.blocked.some(([s, e]) => start < e && s < end)
  );
}

/** Walk left from `pos` over name characters (place names count as name characters). */
function walkLeft(ctx: Context, pos: number): number {
  const floor = ctx.floorAt(pos);
  let left = pos;
  while (left > floor) {
    const ch = ctx.text[left - 1]!;
    if (ctx.blocked.some(([s, e]) => s < left && left <= e)) break;
    const mention = mentionCovering(ctx, left - 1);
    if (mention && mention.start >= floor) {
      left = mention.start;
      continue;
    }
    if (!NAME_CHAR.test(ch) || STOP_CHARS.has(ch)) break;
    left--;
  }
  return left;
}

/** Drop leading verbs and place names (回龙观龙泽苑 → 龙泽苑) while a name is left before `anchor`. */
function trimLeft(ctx: Context, left: number, anchor: number): number {
  let start = left;
  for (;;) {
    const noise = LEADING_NOISE.exec(ctx.text.slice(start, anchor));
    if (noise) {
      start += noise[0].length;
      continue;
    }
    const place = ctx.mentions.find((m) => m.start === start && !m.inAddress && !gluedToName(ctx.text, m));
    if (place && anchor - place.end >= 2) {
      start = place.end;
      continue;
    }
    return start;
  }
}

function numberedAddress(ctx: Context): AddressSpan | undefined {
  for (const m of ctx.text.matchAll(NUMBERED)) {
    const anchor = m.index;
    const anchorEnd = anchor + m[0].length;
    const after = ctx.text.slice(anchorEnd, anchorEnd + 1);
    const before = ctx.text.slice(Math.max(0, anchor - 1), anchor);
    // 5月3号 is a date, 5号线 a subway line, 第3条 an ordinal.
    if (/^\d+号$/.test(m[0]) && (before === '月' || after === '线')) continue;
    if (before === '第' || overlaps(ctx, anchor, anchorEnd)) continue;
    let start = trimLeft(ctx, walkLeft(ctx, anchor), anchor);
    if (start === anchor) {
      // 天通苑北一区3号楼: with no other name, a township name right before the number names the estate.
      const adjacent = ctx.mentions.find((p) => p.end === anchor && p.name.bare);
      if (adjacent) start = adjacent.start;
      else if (!STRONG_UNIT.test(m[0])) continue;
    }
    return { address: ctx.text.slice(start, anchorEnd), start, end: anchorEnd };
  }
  return undefined;
}

function localityAddress(ctx: Context, expecting: boolean): AddressSpan | undefined {
  for (const m of ctx.text.matchAll(LOCALITY)) {
    const suffixEnd = m.index + m[0].length;
    // 金融街, 花园路: the locality word belongs to a place name already matched.
    if (overlaps(ctx, m.index, suffixEnd)) continue;
    const left = walkLeft(ctx, m.index);
    const start = trimLeft(ctx, left, m.index);
    if (m.index - start < 2) continue;
    if (COMMON_NOUNS.has(ctx.text[m.index - 1] + m[0])) continue;
    // Without a number, a locality word is trusted only where a place is expected: after a place name,
    // after 在/住/地址, or when the bot asked for the address.
    const inContext =
      expecting ||
      (left === 0 && ESTATE.test(m[0])) ||
      ctx.floorAt(left) > 0 ||
      ctx.mentions.some((p) => p.start === left && p.accepted) ||
      PLACE_CONTEXT_BEFORE.test(ctx.text.slice(Math.max(0, left - 4), left));
    if (!inContext) continue;
    return { address: ctx.text.slice(start, suffixEnd), start, end: suffixEnd };
  }
  return undefined;
}

// Words around an answer that are not part of the address: 我家住在…, 不是…是…, …那边.
const ANSWER_HEAD = /^(?:不是|应该是|就是|是|我家|我们家|我|家住|住在|住|在|地址是|地址)+/;
const ANSWER_TAIL = /(?:这边|那边|附近|一带|这里|那里|吧|啊|呢|的)+$/;
const PUNCTUATION = /[\s\p{P}\p{S}]/u;

/** The reply to "what is the address?" less place names and filler, when nothing better was found. */
function wholeReply(ctx: Context): AddressSpan | undefined {
  // Runs of text between place names and punctuation: 在朝阳区望京soho塔2 → 在 | soho塔2.
  const runs: Array<{ start: number; end: number }> = [];
  let runStart = -1;
  for (let i = 0; i <= ctx.text.length; i++) {
    const mention = i < ctx.text.length ? mentionCovering(ctx, i) : undefined;
    const skip =
      i === ctx.text.length ||
      (mention !== undefined && !mention.inAddress) ||
      ctx.blocked.some(([s, e]) => s <= i && i < e) ||
      PUNCTUATION.test(ctx.text[i]!);
    if (!skip && runStart < 0) runStart = i;
    if (skip && runStart >= 0) {
      runs.push({ start: runStart, end: i });
      runStart = -1;
    }
  }
  const parts = runs
    .map(({ start, end }) => {
      const raw = ctx.text.slice(start, end);
      const head = ANSWER_HEAD.exec(raw)?.[0].length ?? 0;
      const tail = ANSWER_TAIL.exec(raw.slice(head))?.[0].length ?? 0;
      return { start: start + head, end: end - tail };
    })
    .filter(({ start, end }) => end - start >= 2);
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || !last) return undefined;
  const address = parts.map(({ start, end }) => ctx.text.slice(start, end)).join(' ');
  if (UNKNOWN_ANSWER.test(address) || DESCRIBES_EVENT.test(address) || NOT_A_PLACE.test(address)) return undefined;
  return { address, start: first.start, end: last.end };
}

/** Find the detailed address in already-normalised text, given its place mentions and blocked spans (a phone). */
export function findAddressIn(
  text: string,
  mentions: PlaceMention[],
  blocked: Array<[number, number]>,
  opts: AddressOptions = {},
): AddressSpan | undefined {
  const floors = mentions
    .filter((m) => m.accepted && !m.inAddress && !gluedToName(text, m))
    .map((m) => m.end)
    .sort((a, b) => a - b);
  const ctx: Context = {
    text,
    mentions,
    blocked,
    floorAt: (pos) => floors.filter((end) => end <= pos).pop() ?? 0,
  };
  return numberedAddress(ctx) ?? localityAddress(ctx, opts.expectingAddress === true) ??
    (opts.expectingAddress ? wholeReply(ctx) : undefined);
}

/** The detailed address in a message, if any. Returned in simplified characters. */
export function findAddress(text: string, opts: AddressOptions = {}): string | undefined {
  const normalised = normaliseForMatching(text);
  const mentions = scanPlaceMentions(normalised, { expectingPlace: opts.expectingAddress === true });
  const phone = locatePhoneIn(normalised);
  const blocked: Array<[number, number]> = phone ? [[phone.labelStart, phone.end]] : [];
  return findAddressIn(normalised, mentions, blocked, opts)?.address;
}
