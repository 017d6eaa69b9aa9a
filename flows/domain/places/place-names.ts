/**
 * Every spelling of a Beijing place name that the finder recognises, in one trie built on first use.
 *
 * A township ("street") is recognised by its full name, by the same stem with another unit suffix
 * (回龙观镇 for 回龙观街道: suffixes changed as townships became street offices and people kept the old
 * ones), and by its bare stem (望京, 回龙观). Bare stems are the risky spelling: the finder accepts them
 * only in a place context, and the stems below that are everyday words are not indexed at all.
 */
import { BEIJING_DISTRICTS, BEIJING_TOWNSHIPS } from './beijing-divisions.ts';
import type { District, Township } from './beijing-divisions.ts';

/**
 * Township stems that are common words or name something else, so a bare mention means nothing.
 * Checked by hand against the 349 stems; the full names (平房地区, 光明街道) are still recognised.
 * (和平 is not a stem: 和平里 and 和平街 are, and they are not everyday words.)
 */
export const COMMON_WORD_STEMS: ReadonlySet<string> = new Set([
  // everyday words and slogans
  '新村', '城关', '东风', '光明', '胜利', '向阳', '新华', '曙光', '温泉', '清水', '迎风', '东升',
  '荣华', '康庄', '四海', '安定', '古城', '新镇', '城北', '城南', '城子', '果园', '滨河', '龙泉', '宝山',
  // words a complaint uses about buildings: 平房 (bungalow), 北房 (north room), 天桥 (footbridge),
  // 前门/南口 (front gate, south entrance), 椿树 (a tree), 鼓楼 (also 东城/西城's drum tower)
  '平房', '北房', '天桥', '前门', '南口', '椿树', '鼓楼',
  // names of other places or of people: 河北 (province), 渤海 (sea), 北苑 (also an area of 朝阳),
  // 永定 (永定门/永定河/永定路 lie elsewhere), 王平/王佐 (people), 大台 (大台风)
  '河北', '渤海', '北苑', '永定', '王平', '王佐', '大台',
]);

/**
 * Bare township names that people use on their own for their neighbourhood (我家在望京, 回龙观的房子),
 * accepted without a district or any other place context. Every stem of three characters or more
 * qualifies (回龙观, 十八里店, 潘家园: nobody writes them meaning anything else) except the few that are
 * also common names of other places; two-character stems are everyday words too often (八角, 清河, 沙河,
 * 梨园), so only the well-known neighbourhoods below qualify.
 */
const EVERYDAY_SHORT_NAMES: ReadonlySet<string> = new Set([
  '望京', '亦庄', '双井', '劲松', '方庄', '旧宫', '黄村', '良乡', '宋庄', '牛街', '安贞', '上地', '常营',
  '管庄', '东坝', '大屯', '鲁谷', '霍营', '金盏', '垡头', '将台', '台湖', '马坡',
  '国贸', // an alias (below), not a stem
]);
const AMBIGUOUS_LONG_STEMS: ReadonlySet<string> = new Set([
  '十里堡', // 密云's town, and also a well-known area of 朝阳's 八里庄 street
  '观音寺', // temples of that name everywhere
  '新城子', '大城子', // "new/big walled village": generic
  '山东庄', '大兴庄', // read as 山东 (province) / 大兴 (district) plus 庄
]);

/** A bare name that also names another place: it needs a district or the bot's question to count. */
export function isAmbiguousBareName(name: string): boolean {
  return AMBIGUOUS_LONG_STEMS.has(name);
}

/** Whether a bare name (stem or alias) is a neighbourhood people name on its own. */
export function isEverydayName(name: string): boolean {
  if (EVERYDAY_SHORT_NAMES.has(name)) return true;
  return name.length >= 3 && !AMBIGUOUS_LONG_STEMS.has(name);
}

/** Words that contain a place name but mean something else: matched first so they hide the name. */
const NOT_PLACES = [
  '大兴土木', // "building on a grand scale": a renovation-noise complaint, not 大兴区
  '大兴安岭',
  '怀柔政策',
  '怀柔手段',
  '密云不雨',
  '朝阳市', // Liaoning
  '朝阳县',
  '上地铁', // "get on the subway", not 上地
  '东四环', // the 4th ring road, not 东四
  '上地下', // "go down to the basement" (上地下室), not 上地
  '九龙山', // an area of 双井 (朝阳), not 怀柔's 龙山街道
];

/** Everyday names for a unit that are neither its full name nor its stem. */
const ALIASES: ReadonlyArray<{ alias: string; names: string[]; bare: boolean }> = [
  { alias: '经开区', names: ['北京经济技术开发区'], bare: false },
  { alias: '经济技术开发区', names: ['北京经济技术开发区'], bare: false },
  { alias: '大兴机场', names: ['大兴国际机场'], bare: false },
  { alias: '雁栖经济开发区', names: ['北京雁栖经济开发区'], bare: false },
  // 天通苑 is split into 北/南 street offices; a bare 天通苑 fits both.
  { alias: '天通苑', names: ['天通苑北街道', '天通苑南街道'], bare: true },
  // 亦庄 is both the township (亦庄地区, 亦庄镇) and, in everyday speech, the development zone around it
  // (北京经济技术开发区, which now runs the township too). They are dispatched differently, so a bare
  // 亦庄 offers both (in 大兴区 either way); 亦庄镇 is the township, 亦庄开发区 the zone.
  { alias: '亦庄', names: ['北京经济技术开发区'], bare: true },
  { alias: '亦庄开发区', names: ['北京经济技术开发区'], bare: false },
  { alias: '亦庄经济开发区', names: ['北京经济技术开发区'], bare: false },
  { alias: '亦庄经济技术开发区', names: ['北京经济技术开发区'], bare: false },
  { alias: '北京亦庄', names: ['北京经济技术开发区'], bare: false },
  // Everyday area names that are no unit's name. 中关村, 三里屯, 望京 (and so 望京soho) are stems already.
  // 国贸 (the World Trade Center and the CBD core round it) lies in 建外街道.
  { alias: '国贸', names: ['建外街道'], bare: true },
  // Areas whose township we could not confirm, or that straddle several: every plausible one is offered,
  // with 不清楚 (dispatch by the district) as a way out. 五道口 lies where 学院路街道 and 东升地区 meet;
  // 西二旗 (the subway hub and the offices round it) is split between 上地街道, 西北旺地区 and 清河街道.
  { alias: '五道口', names: ['学院路街道', '东升地区'], bare: true },
  { alias: '西二旗', names: ['上地街道', '西北旺地区', '清河街道'], bare: true },
];

const UNIT_SUFFIXES = ['回族乡', '满族乡', '街道', '地区', '镇', '乡'];
const VARIANT_SUFFIXES = ['街道', '街道办事处', '街道办', '地区', '地区办事处', '镇', '镇政府', '乡', '乡政府', '办事处'];

export type PlaceName =
  | { kind: 'district'; district: District; bare: boolean }
  | { kind: 'township'; townships: Township[]; bare: boolean }
  | { kind: 'not-place' };

export interface TrieNode {
  next: Map<string, TrieNode>;
  name?: PlaceName;
}

/** 朝阳区 → 朝阳; 望京街道 → 望京; 于家务回族乡 → 于家务; 北京经济技术开发区 → undefined. */
export function stemOf(township: Township): string | undefined {
  if (township.kind === '功能区') return undefined;
  const suffix = UNIT_SUFFIXES.find((s) => township.name.endsWith(s));
  return suffix ? township.name.slice(0, -suffix.length) : undefined;
}

export function districtStem(district: District): string {
  return district.name.endsWith('区') ? district.name.slice(0, -1) : district.name;
}

let trie: TrieNode | undefined;

/** The root of the name trie (built once, on first use). */
export function placeNameTrie(): TrieNode {
  if (!trie) trie = buildTrie(collectNames());
  return trie;
}

function collectNames(): Map<string, PlaceName> {
  const names = new Map<string, PlaceName>();
  const districtStems = new Set<string>();
  for (const district of BEIJING_DISTRICTS) {
    names.set(district.name, { kind: 'district', district, bare: false });
    const stem = districtStem(district);
    districtStems.add(stem);
    names.set(stem, { kind: 'district', district, bare: true });
  }

  const addTownship = (key: string, township: Township, bare: boolean) => {
    const existing = names.get(key);
    if (!existing) names.set(key, { kind: 'township', townships: [township], bare });
    // The same spelling for two units (八里庄街道 in 朝阳 and 海淀; 东风乡 for 东风地区 and 东风街道)
    // keeps both: the finder asks which one.
    else if (existing.kind === 'township' && existing.bare === bare) existing.townships.push(township);
  };

  // Official names first, so that a variant spelling never shadows another unit's real name.
  for (const township of BEIJING_TOWNSHIPS) addTownship(township.name, township, false);
  const official = new Set(BEIJING_TOWNSHIPS.map((t) => t.name));
  for (const township of BEIJING_TOWNSHIPS) {
    const stem = stemOf(township);
    if (!stem || stem.length < 2) continue;
    for (const suffix of VARIANT_SUFFIXES) {
      const variant = stem + suffix;
      if (!official.has(variant)) addTownship(variant, township, false);
    }
    // A stem equal to a district's (海淀, 丰台, 怀柔, 密云, 延庆) means the district when said bare.
    if (!districtStems.has(stem) && !COMMON_WORD_STEMS.has(stem)) addTownship(stem, township, true);
  }

  const byName = new Map(BEIJING_TOWNSHIPS.map((t) => [t.name, t]));
  for (const { alias, names: targets, bare } of ALIASES) {
    for (const target of targets) {
      const township = byName.get(target);
      if (!township) throw new Error(`alias ${alias}: unknown township ${target}`);
      addTownship(alias, township, bare);
    }
  }
  for (const word of NOT_PLACES) names.set(word, { kind: 'not-place' });
  return names;
}

function buildTrie(names: Map<string, PlaceName>): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const [key, name] of names) {
    let node = root;
    for (const ch of key) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.name = name;
  }
  return root;
}

/** The longest indexed name starting at `start`, or undefined. */
export function longestNameAt(text: string, start: number): { name: PlaceName; end: number } | undefined {
  let node: TrieNode | undefined = placeNameTrie();
  let found: { name: PlaceName; end: number } | undefined;
  for (let i = start; i < text.length; i++) {
    node = node.next.get(text[i]!);
    if (!node) break;
    if (node.name) found = { name: node.name, end: i + 1 };
  }
  return found;
}

/** The stem spelling of a common-word township, for a reply that is nothing but that word. */
export function townshipsWithCommonStem(stem: string): Township[] {
  if (!COMMON_WORD_STEMS.has(stem)) return [];
  return BEIJING_TOWNSHIPS.filter((t) => stemOf(t) === stem);
}
