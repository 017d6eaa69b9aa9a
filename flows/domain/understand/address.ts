/**
 * The detailed address below the street: estate, road, building, unit (花家地北里3号楼, 中关村大街27号),
 * or a landmark (望京soho旁边, 朝阳医院, 西二旗地铁站B口).
 *
 * In an account of a problem, the address is found from its right end: a building number (12号楼2单元),
 * a locality word (小区, 胡同, 路) or a landmark word (医院, 地铁站, 商场), then extended left over the
 * name until a word that cannot be part of a name (在, 的, 了…) or a place name already matched; a
 * landmark keeps the side said after it (旁边, B口). A route between two places (天通苑到望京) is an
 * address too. Nothing else is: an address is never a stray clause of the sentence.
 *
 * In a reply to "where?", every piece of the reply that is address-like is kept, in order, less filler:
 * 鲁谷东街那个重聚园小区 7号楼 → 鲁谷东街的重聚园小区 7号楼; pieces that tell what happened or that
 * the citizen does not know (表扬一下, 记不清了) are left out.
 */
import { normaliseForMatching } from './fold.ts';
import { locatePhoneIn } from './phone.ts';
import { scanPlaceMentions } from '../places/place-finder.ts';
import type { PlaceMention } from '../places/place-finder.ts';

export interface AddressOptions {
  /** The bot just asked for the address: every address-like piece of the reply, less place names, counts. */
  expectingAddress?: boolean;
}

export interface AddressSpan {
  address: string;
  start: number;
  end: number;
  /** Only a name, with no address word, number or landmark in it (远洋山水, 我爱我家): weaker evidence. */
  nameOnly?: boolean;
}

const NUM = '(?:\\d+|[零〇一二三四五六七八九十两百]+)';
const UNIT = '(?:号楼|号院|号|栋|幢|座|单元|门|层|楼|室|户|区|期|排|巷|条|街|里)';
// 12号楼2单元301, 27号, 5-2-301
const NUMBERED = new RegExp(`${NUM}${UNIT}(?:-?${NUM}${UNIT}?)*|\\d+(?:-\\d+){1,2}`, 'g');
// Units that say "building" even with no name before them (3号楼, 502室); a bare 一楼 or 3号 does not.
const STRONG_UNIT = /号楼|号院|单元|栋|幢|室|^\d+(?:-\d+){1,2}$/;
// 一条公交, 两户人家, 一排平房: a count of things, not a number in an address.
const COUNTED = /^(?:[一两几]|十几|好几)(?:条|排|户|座|门|层|栋|幢|间)$/;
const LOCALITY = /小区|社区|家园|嘉园|花园|公寓|大厦|胡同|巷(?!子)|大街|北里|南里|东里|西里|广场|市场|公园|村(?!委)|路(?![灯口面边上旁])|街(?![道到])/g;
// Landmarks that place a case as well as an estate does, when a name comes before them (朝阳医院).
// (A school counts only with its own name: 上幼儿园, 上小学 is going to school.)
// 二小, 十一中: a numbered school said short, after its name (中关村二小).
const LANDMARK = /医院|地铁站|火车站|汽车站|公交站|商场|商城|购物中心|超市|底商|soho|写字楼|工地|学校|小学|中学|幼儿园|[一二三四五六七八九十]{1,3}[小中](?![时学区姐伙孩午间心年国文部段型])/gi;
// Words of time and weather are no part of a name: 以前小区门口, 下雨天小区门口 name no estate.
const NOT_IN_NAME = /以前|以后|后来|之前|最近|现在|今天|昨天|每天|天天|下雨|雨后|雪后|大雨|下雪|晚上|早上|白天|夜里|半夜|刚才/;
// Said right after an address or a landmark, the side of it (望京soho旁边, 地铁站B口, 华清嘉园北边)…
const SIDE_AFTER = /^(?:[东西南北](?:门|侧|边|面)|旁边|对面|门口|附近|楼下|[A-Za-z]\d?(?:出口|口)|出口)/i;
// …and then perhaps the place itself (那条小路, 那个健身房).
const FACILITY_AFTER = /^(?:那个|那条|那家|这个|这家|的)?(?:小路|马路|路|街|胡同|小区|健身房|超市|饭馆|餐馆|餐厅|工地|[\u4e00-\u9fff]{0,3}店)/;
// Locality words that name an estate even at the start of a message (幸福小区的电梯坏了); 社区, 路 or
// 公园 there are as likely to be a generic word (感谢社区的…).
const ESTATE = /^(?:小区|家园|花园|公寓|大厦|胡同|北里|南里|东里|西里)$/;
// What introduces an estate's name in an account: 我们重聚园小区, 那个幸福家园.
const INTRODUCES_ESTATE = /(?:我们|咱们|我家|那个|这个)$/;
// Words before an estate word that describe estates in general (老旧小区, 周边小区) or tell what someone
// did (发现小区…, 保卫家园) rather than name one.
const GENERIC_ESTATE_NAME =
  /(?:老旧|高档|周边|附近|周围|整个|所有|回迁|安置|住宅|居民|商品房|保障房|经适房|封闭式?|开放式?|物业|新建|老式|普通)$|^(?:其[他它]|别的|各个|各大|广大|隔壁|对面|咱们|这些|那些|很多|好多|不少)$|^(?:发现|保卫|誓死|举报|申报|报告|投诉|反映|关于|向|进入?|走进|回到|搬进|搬到|住进|离开|建设|打造|管理|治理|改造|整治|扰乱)|[和与及或]|小区/;
// Locality words that are no place at all when the character before joins them into a word: 跑路 (run
// off), 线路 (a line), 逛街 (go shopping).
const NOT_PLACES = new Set([
  '走路', '跑路', '线路', '网路', '思路', '出路', '一路', '上路', '带路', '让路', '问路', '迷路', '绕路', '堵路',
  '挡路', '赶路', '套路', '销路', '退路', '后路', '过路', '半路', '顺路', '开路', '领路', '引路', '修路',
  '逛街', '上街', '满街', '过街', '沿街', '临街', '当街',
]);
// Locality words that are common nouns when their last name character is this one (马路, 农村…): a
// place, but too vague to be the address unless the citizen was answering "where?".
const COMMON_NOUNS = new Set([...NOT_PLACES, '马路', '道路', '公路', '铁路', '山路', '小路', '大路', '农村', '乡村', '山村']);
// Characters that end a name when walking left: pronouns, particles, common verbs.
const STOP_CHARS = new Set('我你您他她它们的了在是有没不很太就都也还又被把给让这那哪些么什吗呢吧啊呀说要想住从对每走去到跟与或但而且并才只再更最已啦哦嗯喂请帮找问叫姓个着过');
// Place names that begin with a character that otherwise ends a name: 太平家园 (太 as in 太吵), 都市馨园, 大有庄.
const STARTS_A_NAME = new Set(['太平', '都市', '有庄']);
const NAME_CHAR = /[\u4e00-\u9fffA-Za-z0-9·-]/;
const LEADING_NOISE = /^(?:投诉|举报|反映|求助|建议|咨询|地址|住址|位置|位于|地点|家住|就在)+/;
// The second half of 那边/这里/那头 left at the start of a name when walking left stopped at 那/这.
const POINTER_END = /^[那这][边里儿头块片]$/;
const PLACE_CONTEXT_BEFORE = /(?:在|住|于|地址|住址|位置|地点)[:：]?\s*$/;
// Asked where, some answer with how to address them (张先生) or a yes/no: neither is a place.
const NOT_A_PLACE = /^[\u4e00-\u9fff]{1,3}(?:先生|女士|小姐|阿姨|师傅|大爷|大妈)$|^(?:是|不是|对|好的?|嗯+|不用|不需要|需要|可以|没有|不方便|你好|您好|在吗|都有|都是|都行|都可以|开发区|经开区|城区|市区|郊区)$/;

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
    if (!NAME_CHAR.test(ch) || (STOP_CHARS.has(ch) && !STARTS_A_NAME.has(ch + ctx.text[left]))) break;
    left--;
  }
  return left;
}

/** Drop leading verbs and place names (回龙观龙泽苑 → 龙泽苑) while a name is left before `anchor`. */
function trimLeft(ctx: Context, left: number, anchor: number): number {
  let start = left;
  for (;;) {
    if (start > 0 && POINTER_END.test(ctx.text.slice(start - 1, start + 1))) {
      start += 1;
      continue;
    }
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

/** Every building or house number with the name before it (花家地北里3号楼), left to right. */
function numberedAddresses(ctx: Context): AddressSpan[] {
  const found: AddressSpan[] = [];
  for (const m of ctx.text.matchAll(NUMBERED)) {
    const anchor = m.index;
    const anchorEnd = anchor + m[0].length;
    const after = ctx.text.slice(anchorEnd, anchorEnd + 1);
    const before = ctx.text.slice(Math.max(0, anchor - 1), anchor);
    // 5月3号 is a date, 5号线 a subway line, 第3条 an ordinal.
    if (/^\d+号$/.test(m[0]) && (before === '月' || after === '线')) continue;
    if (before === '第' || COUNTED.test(m[0]) || overlaps(ctx, anchor, anchorEnd)) continue;
    let start = trimLeft(ctx, walkLeft(ctx, anchor), anchor);
    if (start === anchor) start = estateBeforeSpace(ctx, anchor) ?? anchor;
    if (start === anchor) {
      // 天通苑北一区3号楼: with no other name, a township name right before the number names the estate.
      const adjacent = ctx.mentions.find((p) => p.end === anchor && p.name.bare);
      if (adjacent) start = adjacent.start;
      else if (!STRONG_UNIT.test(m[0])) continue;
    }
    found.push({ address: ctx.text.slice(start, anchorEnd), start, end: anchorEnd });
  }
  return found;
}

// How an estate's name ends (龙泽苑东区, 重聚园小区, 幸福里): only such a name joins a number across a space.
const ESTATE_END = /(?:苑|园|里|城|村|庄|院|区|府|湾|家园|花园|公寓|大厦|胡同|社区|国际|广场|路|街|巷)$/;

/** 龙泽苑东区 12号楼: the start of an estate's name written before a building number with a space between. */
function estateBeforeSpace(ctx: Context, anchor: number): number | undefined {
  const gap = /\s+$/.exec(ctx.text.slice(Math.max(0, anchor - 3), anchor));
  if (!gap) return undefined;
  const nameEnd = anchor - gap[0].length;
  const start = trimLeft(ctx, walkLeft(ctx, nameEnd), nameEnd);
  const name = ctx.text.slice(start, nameEnd);
  return name.length >= 2 && ESTATE_END.test(name) && !NOT_IN_NAME.test(name) ? start : undefined;
}

function localityAddresses(ctx: Context): AddressSpan[] {
  return namedWordAddresses(ctx, LOCALITY, (word, at, left, name) => {
    if (COMMON_NOUNS.has(ctx.text[at - 1] + word)) return false;
    // Without a number, a locality word is trusted only where a place is expected: after a place name or
    // after 在/住/地址; an estate word (幸福小区) also at the start or introduced as one's own or as that
    // one (我们重聚园小区, 那个幸福家园), unless its "name" only describes estates in general (老旧小区).
    const introduced = left === 0 || INTRODUCES_ESTATE.test(ctx.text.slice(Math.max(0, left - 2), left));
    return (ESTATE.test(word) && introduced && !GENERIC_ESTATE_NAME.test(name)) || placeExpectedAt(ctx, left);
  });
}

/**
 * Every `pattern` word with a name of at least two characters before it that `trusted` accepts, and
 * what is said after it, left to right. A word inside a place name already matched (金融街, 花园路) does
 * not count.
 */
function namedWordAddresses(
  ctx: Context,
  pattern: RegExp,
  trusted: (word: string, at: number, left: number, name: string) => boolean,
): AddressSpan[] {
  const found: AddressSpan[] = [];
  for (const m of ctx.text.matchAll(pattern)) {
    const wordEnd = m.index + m[0].length;
    if (m.index < (found.at(-1)?.end ?? 0) || overlaps(ctx, m.index, wordEnd)) continue;
    const left = walkLeft(ctx, m.index);
    const start = trimLeft(ctx, left, m.index);
    const name = ctx.text.slice(start, m.index);
    if (name.length < 2 || NOT_IN_NAME.test(name)) continue;
    if (!trusted(m[0], m.index, left, name)) continue;
    found.push(spanOf(ctx, start, extendRight(ctx, wordEnd)));
  }
  return found;
}

/** After a place name, after 在/住/地址, or starting with an accepted place name (望京soho). */
function placeExpectedAt(ctx: Context, left: number): boolean {
  return (
    ctx.floorAt(left) > 0 ||
    ctx.mentions.some((p) => p.start === left && p.accepted) ||
    PLACE_CONTEXT_BEFORE.test(ctx.text.slice(Math.max(0, left - 4), left))
  );
}

/** Landmarks with their names (望京soho, 朝阳医院), where a place is expected, and the side said after them. */
function landmarkAddresses(ctx: Context): AddressSpan[] {
  // A school only with its own name (育新学校), not one being gone to (孩子上小学, 送孩子去幼儿园).
  return namedWordAddresses(ctx, LANDMARK, (word, _at, left, name) => placeExpectedAt(ctx, left) && !(SCHOOL.test(word) && (GOING_TO.test(name) || SCHOOLS_IN_GENERAL.test(name))));
}

// 各私立学校, 开办培训学校: schools in general or being set up, not one school.
const SCHOOLS_IN_GENERAL = /^(?:各|所有|全|本|该|这些|那些|其他|一些|很多)|开办|举办|创办|私立$|公立$/;

const SCHOOL = /^(?:学校|小学|中学|幼儿园)$/;
const GOING_TO = /[上去读念进在回到送接]$/;

/** A route between two places (天通苑到望京): the place finder marks its far end. */
function routeAddress(ctx: Context): AddressSpan | undefined {
  const to = ctx.mentions.findIndex((m) => m.routeEnd);
  const from = ctx.mentions[to - 1];
  if (to < 0 || !from) return undefined;
  return spanOf(ctx, from.start, ctx.mentions[to]!.end);
}

/** The side of a place said after it, and the place there: 华清嘉园 + 北边那条小路. */
function extendRight(ctx: Context, end: number): number {
  const side = SIDE_AFTER.exec(ctx.text.slice(end));
  if (!side || overlaps(ctx, end, end + side[0].length)) return end;
  const sideEnd = end + side[0].length;
  const facility = FACILITY_AFTER.exec(ctx.text.slice(sideEnd));
  return facility && !overlaps(ctx, sideEnd, sideEnd + facility[0].length) ? sideEnd + facility[0].length : sideEnd;
}

// Pointing words inside an address (鲁谷东街那个重聚园小区) read better as 的.
const POINTING = /那个|这个|那家|这家/g;

/** The address as it will be read back: the text from start to end, pointing words made 的. */
function tidy(text: string): string {
  return text.replace(POINTING, (_, at: number) => (at === 0 ? '' : '的')).replace(/的{2,}/g, '的');
}

function spanOf(ctx: Context, start: number, end: number): AddressSpan {
  return { address: tidy(ctx.text.slice(start, end)), start, end };
}

// Words around a piece of an answer that are not part of the address: 我家住在…, 不是…是…, …那边.
const ANSWER_HEAD = /^(?:不是|应该是|就是|就在|就|是|我们家|我家|我们?住在?|我们?在|家住|住在|住|在|地址是|地址|从|那个|这个|的)+/;
const ANSWER_TAIL = /(?:这边|那边|附近|一带|这里|那里|那块|这块|那片|这片|那儿|这儿|儿|吧|啊|呀|呢|嘛|哈|的|(?<=[街路道])上|(?<=小区|[院楼])里)+$/;
const PUNCTUATION = /[\s\p{P}\p{S}]/u;
// "I don't know": a piece saying it is no address; only what follows 就 may be (不知道就西二旗地铁站).
const UNKNOWN = /不知道|不清楚|记不清|不记得|忘了|说不好|说不清|不确定|搞不清/g;
const AFTER_UNKNOWN = /^(?:了|啊|呢|吧)*(?:反正|只知道|就是|就在|就)/;
// Before the first address word of a piece, who did what (我每天从…, 他们经常在…) is not the address.
const HEAD_CLAUSE = /^.*(?:我们?|你们?|他们?|她们?|每天|天天|经常|总是|一直|每次|平时|从|在|是|叫)/;
// What happens, not what a place is called (想问问案子到底破没破, 这电梯老出毛病 物业不管).
const NOT_IN_A_NAME = /[不没想问说管坏修吵堵漏破偷抢骂]|毛病/;
// A piece that starts with a person (我们一共十几个工人) tells about people, not a place (我爱我家 is a shop).
const PERSON_FIRST = /^(?:我们|他们|她们|我(?!爱)|他|她|俺|咱)/;
// Words that make a piece of an answer without an address word tell what happened, not where: it is left out.
const TELLS_WHAT = /了|吗|呢|怎么|什么|为啥|干嘛|干啥|啥|这么|那么|你|关系|不对|不是|会不会|一个人|是个|没人|太[\u4e00-\u9fff]|一下|表扬|投诉|举报|反映|建议|感谢|谢谢|麻烦|师傅|老板|当时|时候|还是|叫啥|好像|具体|楼上|隔壁|对门|邻居/;
// Anything that makes a piece of an answer address-like, besides numbers (7号楼) and routes.
const ADDRESS_WORD = new RegExp(
  `${LOCALITY.source}|${LANDMARK.source}|苑|园|城|府|湾|国际|大院|院|宿舍|座|站(?![着起在住])|店|馆|厅|厂|公司|桥|中心|银行|酒店|宾馆|学校|小学|中学|大学|学院|健身房|诊所|药房|网吧|` +
    '对面|旁边|门口|交叉口|路口|出口|入口|[东西南北](?:门|侧|边)',
  'gi',
);
const WEAK_ADDRESS_WORD = /^公司$/;
// What may follow the last address word and still belong to it: 塔2, B口, 3层, 北门.
const TAIL_OF_ADDRESS = /^(?:[\u4e00-\u9fff]?[A-Za-z0-9-]+[\u4e00-\u9fff]?|[东西南北中]?[一二三四五六七八九十\d]*[区期]|[一二三四五六七八九十\d]+[小中]|(?:旁边|对面|后面|前面)?(?:的|那个|那家)?(?:门|大门|楼|店|路口|小区)?|门口|里面|外面?|内|楼下|底下|下面|[东西南北]?(?:门|侧|边)[外内]?)$/;
// A piece that is only a generic word (全小区 → 小区) adds nothing to a named place said with it.
const GENERIC_PLACE = /^(?:全|整个|所有)?(?:小区|社区|楼|楼下|门口|院里|院子|路边|马路|路口)$/;

/** Spans of address words in [start, end): numbers with their unit, locality and landmark words, routes. */
function addressWordsIn(ctx: Context, start: number, end: number): Array<[number, number]> {
  const text = ctx.text.slice(0, end);
  const words: Array<[number, number]> = [];
  for (const m of text.matchAll(NUMBERED)) {
    if (m.index < start || COUNTED.test(m[0])) continue;
    if (/^\d+号$/.test(m[0]) && (text[m.index - 1] === '月' || ctx.text[m.index + m[0].length] === '线')) continue;
    words.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(ADDRESS_WORD)) {
    if (m.index < start || NOT_PLACES.has(text[m.index - 1] + m[0])) continue;
    words.push([m.index, m.index + m[0].length]);
  }
  const route = routeAddress(ctx);
  if (route && route.start >= start && route.end <= end) words.push([route.start, route.end]);
  return words;
}

/** One piece of a reply to "where?", less filler, cut after its last address word; undefined if it is not a place. */
function pieceOfAnswer(ctx: Context, start: number, end: number): { start: number; end: number; anchored: boolean } | undefined {
  let s = start;
  let e = end;
  const unknown = [...ctx.text.slice(s, e).matchAll(UNKNOWN)].pop();
  if (unknown) {
    const after = s + unknown.index + unknown[0].length;
    const pointer = AFTER_UNKNOWN.exec(ctx.text.slice(after, e));
    if (!pointer) return undefined;
    s = after + pointer[0].length;
  }
  const strip = () => {
    s += ANSWER_HEAD.exec(ctx.text.slice(s, e))?.[0].length ?? 0;
    e -= ANSWER_TAIL.exec(ctx.text.slice(s, e))?.[0].length ?? 0;
  };
  strip();
  if (e - s < 2 || NOT_A_PLACE.test(ctx.text.slice(s, e))) return undefined;
  const words = addressWordsIn(ctx, s, e);
  if (words.length === 0) {
    const piece = ctx.text.slice(s, e);
    const tells = TELLS_WHAT.test(piece) || PERSON_FIRST.test(piece) || NOT_IN_A_NAME.test(piece);
    return tells || piece.includes('的') || piece.length > 10 ? undefined : { start: s, end: e, anchored: false };
  }
  // A company is an address only when nothing in the piece tells a story (当时热力公司的师傅来修的).
  if (words.every(([ws, we]) => WEAK_ADDRESS_WORD.test(ctx.text.slice(ws, we))) && TELLS_WHAT.test(ctx.text.slice(s, e))) return undefined;
  const firstWord = Math.min(...words.map(([wordStart]) => wordStart));
  s += HEAD_CLAUSE.exec(ctx.text.slice(s, firstWord))?.[0].length ?? 0;
  const lastWordEnd = Math.max(...words.map(([, wordEnd]) => wordEnd));
  if (lastWordEnd < e && !TAIL_OF_ADDRESS.test(ctx.text.slice(lastWordEnd, e))) {
    e = lastWordEnd;
    strip();
  }
  return e - s >= 2 ? { start: s, end: e, anchored: true } : undefined;
}

/** The reply to "what is the address?": its address-like pieces in order, less place names and filler. */
function addressFromAnswer(ctx: Context): AddressSpan | undefined {
  // Runs of text between punctuation and place names that are not part of the address: in
  // 在朝阳区望京soho塔2, 朝阳区 is the place and 望京soho塔2 the address.
  const inRun = (i: number) => {
    const mention = mentionCovering(ctx, i);
    return (
      !PUNCTUATION.test(ctx.text[i]!) &&
      !ctx.blocked.some(([s, e]) => s <= i && i < e) &&
      (mention === undefined || mention.inAddress || gluedToName(ctx.text, mention))
    );
  };
  const pieces: Array<{ start: number; end: number; anchored: boolean }> = [];
  let runStart = -1;
  for (let i = 0; i <= ctx.text.length; i++) {
    const inside = i < ctx.text.length && inRun(i);
    if (inside && runStart < 0) runStart = i;
    if (!inside && runStart >= 0) {
      // A run that is only a place name, or a name and one more character (东直门外), adds nothing; a
      // route between two places (天通苑到望京) does.
      const own = [...ctx.text.slice(runStart, i)].filter((_, k) => mentionCovering(ctx, runStart + k) === undefined).length;
      const route = routeAddress(ctx);
      const hasRoute = route !== undefined && route.start >= runStart && route.end <= i;
      const piece = own >= 2 || hasRoute ? pieceOfAnswer(ctx, runStart, i) : undefined;
      if (piece) pieces.push(piece);
      runStart = -1;
    }
  }
  const named = pieces.filter(({ start, end }) => !GENERIC_PLACE.test(ctx.text.slice(start, end)));
  const kept = named.length > 0 ? named : pieces;
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (!first || !last) return undefined;
  const address = kept.map(({ start, end }) => tidy(ctx.text.slice(start, end))).join(' ');
  return { address, start: first.start, end: last.end, ...(kept.some((p) => p.anchored) ? {} : { nameOnly: true }) };
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
  if (opts.expectingAddress) return addressFromAnswer(ctx);
  const numbered = numberedAddresses(ctx);
  // Leftmost first, and of two read from the same start the longer (太平家园小区底商 over 太平家园).
  const named = [...localityAddresses(ctx), ...landmarkAddresses(ctx)].sort((a, b) => a.start - b.start || b.end - a.end);
  const main = numbered[0] ?? named[0];
  return main ? chained(ctx, main, [...numbered, ...named]) : routeAddress(ctx);
}

// Between two pieces of one address: a space, or 的/那个 (重聚园小区 7号楼, 鲁谷东街那个重聚园小区). Pieces
// that merely touch are not joined: in 3栋为一期 or 二楼强行横拖至一楼 the second "piece" is a clause.
const JOINS_PIECES = /^(?:\s+|\s*(?:的|那个|这个|那家|这家)\s*)$/;

const SEPARATOR_START = /^(?:\s|的|那个|这个|那家|这家)/;
const SEPARATOR_END = /(?:\s|的|那个|这个|那家|这家)$/;

/** The address with the named pieces written right before or after it: 鲁谷东街那个重聚园小区 7号楼. */
function chained(ctx: Context, main: AddressSpan, pieces: AddressSpan[]): AddressSpan {
  let { start, end } = main;
  for (let grown = true; grown; ) {
    grown = false;
    for (const piece of pieces) {
      // A piece may also overlap the address (龙泽苑东区 12号楼 read from the number covers 龙泽苑东区): it
      // joins when what it adds starts (or ends) with a separator.
      const joinsLeft =
        piece.start < start &&
        (piece.end <= start
          ? JOINS_PIECES.test(ctx.text.slice(piece.end, start))
          : SEPARATOR_END.test(ctx.text.slice(piece.start, start)));
      const joinsRight =
        piece.end > end &&
        (piece.start >= end
          ? JOINS_PIECES.test(ctx.text.slice(end, piece.start))
          : SEPARATOR_START.test(ctx.text.slice(end, piece.end)));
      if (!joinsLeft && !joinsRight) continue;
      start = Math.min(start, piece.start);
      end = Math.max(end, piece.end);
      grown = true;
    }
  }
  return start === main.start && end === main.end ? main : spanOf(ctx, start, end);
}

/** The detailed address in a message, if any. Returned in simplified characters. */
export function findAddress(text: string, opts: AddressOptions = {}): string | undefined {
  return locateAddress(text, opts)?.address;
}

/** The detailed address in a message with where it is and whether it is only a name. */
export function locateAddress(text: string, opts: AddressOptions = {}): AddressSpan | undefined {
  const normalised = normaliseForMatching(text);
  const mentions = scanPlaceMentions(normalised, { expectingPlace: opts.expectingAddress === true });
  const phone = locatePhoneIn(normalised);
  const blocked: Array<[number, number]> = phone ? [[phone.labelStart, phone.end]] : [];
  return findAddressIn(normalised, mentions, blocked, opts);
}
