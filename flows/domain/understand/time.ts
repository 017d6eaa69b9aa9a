/**
 * Time expressions in a citizen's message: when it happens (半夜两点, 每天晚上), since when (从上个月开始,
 * 上周五) and for how long (三天了). The unit reads them in the summary ("噪音：每天晚上十点以后"), so they
 * are returned as the citizen wrote them, not resolved to dates: 上周五 means nothing without the day the
 * message was sent, and the case stores that anyway.
 *
 * Atoms (a day, a part of the day, a clock time, a date, a duration, a frequency) are found first; atoms
 * next to each other merge (昨天晚上十点), so do ranges (晚上十点到凌晨两点), and 从…开始 / …以来 wrap them.
 */
import { normaliseForMatching } from './fold.ts';

export interface TimeSpan {
  /** The phrase as written (original characters). */
  text: string;
  start: number;
  end: number;
}

const N = '[零〇一二两三四五六七八九十百\\d]';
const DAY_NAME = '[一二三四五六日天1-7]';
const RELATIVE_DAY =
  `大前天|前天|昨天|昨晚|昨日|今天|今早|今晚|今日|明天|后天|当天|那天|` +
  `(?:上上|上|下|这|本)(?:个)?(?:周|星期|礼拜)${DAY_NAME}?|(?:周|星期|礼拜)${DAY_NAME}|周末|` +
  `(?:上上|上|下|这|本)个?月|(?:去|今|前|明)年(?:${N}{1,2}月)?|年初|年底|月初|月底|月中|上半年|下半年`;
const RECENT = '最近|近来|近期|这几天|这两天|这些天|这段时间|前几天|前些天|前段时间|刚才|刚刚|入冬以来|供暖以来|入夏以来';
const SEASON = '(?:今年|去年)?(?:冬天|夏天|春天|秋天)|春节|国庆|元旦|五一|中秋|端午|清明|暑假|寒假|开学';
const PART_OF_DAY = '凌晨|早上|早晨|清早|一大早|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜|午夜|大半夜|后半夜|白天|整夜|整晚|通宵|夜晚';
// 两点, 十点半, 22:30, 9点15分; 一点 only when something says it is a clock time (一点多, 一点钟).
const CLOCK =
  `\\d{1,2}[:：]\\d{2}|(?:\\d{1,2}|十[一二]?|[两二三四五六七八九])点(?:钟|半|多|过|\\d{1,2}分?|[一二三四五]十(?:[一二三四五六七八九])?分?|[一二三四五六七八九]分|一刻|三刻)?(?![建意要问原])|一点(?:钟|半|多|[一二三四五六七八九十\\d]+分)`;
const DATE = `\\d{4}年(?:\\d{1,2}月(?:\\d{1,2}[日号])?)?|\\d{1,2}月\\d{1,2}[日号]?|\\d{1,2}月份|[一二三四五六七八九十]{1,2}月(?:份|[一二三四五六七八九十]{1,3}[日号])?(?!亮)`;
const DURATION = `(?:好几|十几|二十几|几十|${N}{1,3}|半|几)(?:个)?(?:多)?(?:分钟|小时|钟头|天|周|星期|礼拜|月|年)(?:多)?(?:了|之久|以上|左右|来)?`;
const FREQUENCY =
  `每(?:天|日|晚|周|星期|个?月|年|次|隔${N}{1,2}(?:天|分钟|小时))|天天|日日|夜夜|三天两头|隔三差五|一天到晚|没日没夜|一整天|一整夜|一整晚`;

const ATOM = new RegExp(
  `(?:${RELATIVE_DAY}|${RECENT}|${SEASON}|${FREQUENCY}|${DATE}|${PART_OF_DAY}|${CLOCK}|${DURATION})`,
  'g',
);
// 三年级 is a school grade and 二十岁 an age, not times.
const NOT_TIME_AFTER = /^(?:级|岁|纪|代|龄)/;
const RANGE_JOIN = /^(?:到|至|-|~|—|－)$/;
const SINCE_BEFORE = /(?:自从|从|自|打)$/;
const SINCE_AFTER = /^(?:开始|起|以来|以后|之后|至今|到现在|到今天)/;
const BEFORE_AFTER = /^(?:以前|之前|前后|左右|以后|之后|后)/;

interface Atom {
  start: number;
  end: number;
}

function atoms(text: string): Atom[] {
  const out: Atom[] = [];
  for (const m of text.matchAll(ATOM)) {
    if (m[0] === '') continue;
    const end = m.index + m[0].length;
    if (NOT_TIME_AFTER.test(text.slice(end))) continue;
    out.push({ start: m.index, end });
  }
  return out;
}

/** Time expressions in already-normalised text, merged into phrases. */
export function locateTimeExpressionsIn(text: string): Array<{ start: number; end: number }> {
  const merged: Atom[] = [];
  for (const atom of atoms(text)) {
    const last = merged[merged.length - 1];
    const gap = last ? text.slice(last.end, atom.start) : '';
    if (last && (gap === '' || gap === '的' || RANGE_JOIN.test(gap))) last.end = atom.end;
    else merged.push({ ...atom });
  }
  return merged.map(({ start, end }) => {
    const since = SINCE_BEFORE.exec(text.slice(Math.max(0, start - 2), start));
    const s = since ? start - since[0].length : start;
    const rest = text.slice(end);
    const tail = SINCE_AFTER.exec(rest) ?? BEFORE_AFTER.exec(rest);
    return { start: s, end: end + (tail ? tail[0].length : 0) };
  });
}

/** The time expressions in a message, as written: ['半夜两点', '三天了']. */
export function findTimeExpressions(text: string): string[] {
  return locateTimeSpans(text).map((s) => s.text);
}

/** Time expressions with their places in the original text. */
export function locateTimeSpans(text: string): TimeSpan[] {
  return locateTimeExpressionsIn(normaliseForMatching(text)).map(({ start, end }) => ({
    text: text.slice(start, end),
    start,
    end,
  }));
}
