/**
 * Phone numbers in free text: mobiles, landlines with an area code, and Beijing's 8-digit local numbers.
 * A number next to a unit (3号楼, 502室, 5月20日, 12345热线) is an address, a date or a hotline, not a
 * phone; an unexpected wrong number is reported back so the bot can ask again instead of filing it.
 */
import { normaliseForMatching } from './fold.ts';

export interface PhoneFinding {
  /** Normalised: 11-digit mobile or `0AA(A)-NNNNNNN(N)` landline. */
  phone?: string;
  /** Digits that look like an attempt at a phone number but are not one, e.g. '1381111222'. */
  invalid?: string;
}

export interface FindPhoneOptions {
  /** The bot just asked for a phone number: any stray number is then an attempt at one. */
  expectingPhone?: boolean;
}

/** Where the finding sits in the text; `labelStart` also covers a label such as 电话 / 我的手机号是. */
export interface PhoneSpan extends PhoneFinding {
  start: number;
  end: number;
  labelStart: number;
}

const MOBILE = /^1[3-9]\d{9}$/;
// 010 and 02X are followed by 8 digits; other area codes (0311, 0512…) by 7 or 8.
const LANDLINE_SHORT_CODE = /^0(?:10|2\d)[2-9]\d{7}$/;
const LANDLINE_LONG_CODE = /^0[3-9]\d{2}[2-9]\d{6,7}$/;
// Beijing numbers dialled locally start with 4–9, which also keeps dates such as 20240315 out.
const BEIJING_LOCAL = /^[4-9]\d{7}$/;

/** Normalise a phone number written any usual way; undefined when it is not a valid number. */
export function normalisePhone(raw: string): string | undefined {
  let digits = normaliseForMatching(raw).replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (MOBILE.test(digits)) return digits;
  if (LANDLINE_SHORT_CODE.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3)}`;
  if (LANDLINE_LONG_CODE.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  if (BEIJING_LOCAL.test(digits)) return `010-${digits}`;
  return undefined;
}

// A run of digits with single spaces or hyphens between groups (or dots before a group of 3–4 digits,
// 138.1111.2222, which keeps 12.5 out), an optional +86 and an optional bracketed area code:
// 138 1111 2222, +86 138-1111-2222, (010)6888 1234.
const NUMBER_RUN = /(?:(?:\+|00)\s?86[\s-]?)?(?:[(（]\s*0\d{2,3}\s*[)）]\s*-?\s*)?\d+(?:(?:[\s-]|\.(?=\d{3,4}(?!\d)))\d+)*/g;
const UNIT_AFTER =
  /^\s*(?:号|楼|室|栋|幢|座|单元|层|门|户|年|月|日|天|周|元|块|角|毛|分|米|平|次|个|人|位|岁|路|期|区|排|条|巷|点|公里|万|千|百|%|度|斤|辆|台|件|份|小时|秒|热线|号线|路车)/;
const PREFIX_BEFORE = /(?:第|编号|单号|工单号|订单号|尾号|车牌号?|身份证号?|No\.?|#)\s*$/i;
// The whole lead-in, so cutting it leaves no stray 我: 我电话 / 我的手机号是 / 有事打我电话 / 联系方式：
const PHONE_LABEL =
  /(?:(?:有事)?(?:请|可以)?(?:打|拨打|联系)我的?|我的?|本人的?)?(?:联系)?(?:电话号码|电话|手机号码|手机号|手机|号码|座机|联系方式)(?:号码)?(?:是|为|:)?\s*$/;
// Short service numbers citizens quote while talking about them, not as their own number.
const SERVICE_NUMBERS = new Set(['110', '119', '120', '122', '114', '12345', '12315', '12369', '96777', '95598']);

interface Run {
  start: number;
  end: number;
  groups: Array<{ start: number; end: number; digits: string }>;
}

function numberRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const m of text.matchAll(NUMBER_RUN)) {
    const start = m.index;
    const groups: Run['groups'] = [];
    for (const g of m[0].matchAll(/[^\s.-]+/g)) {
      groups.push({ start: start + g.index, end: start + g.index + g[0].length, digits: g[0].replace(/\D/g, '') });
    }
    runs.push({ start, end: start + m[0].length, groups });
  }
  return runs;
}

// 13911119999 周先生: a unit character that is the caller's surname, with a title after it.
const SURNAME_WITH_TITLE = /^\s*[\u4e00-\u9fff](?:先生|女士|小姐|老师|阿姨|师傅|大爷|大妈|姐|哥)/;

function isHouseNumberOrDate(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 5);
  return (UNIT_AFTER.test(after) && !SURNAME_WITH_TITLE.test(after)) || PREFIX_BEFORE.test(text.slice(Math.max(0, start - 5), start));
}

function labelStart(text: string, start: number): number {
  const before = text.slice(Math.max(0, start - 16), start);
  const label = PHONE_LABEL.exec(before);
  return label ? start - label[0].length : start;
}

// A number said digit by digit in characters, as voice input and older people write it (幺三八 一二三四
// 五六七八): seven or more in a run. 十 never appears in a number read digit by digit.
const SPELLED_RUN = /[零〇一二三四五六七八九幺](?:[\s-]?[零〇一二三四五六七八九幺]){6,}/g;
const SPELLED_DIGIT: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The text with numbers spelled in characters written as digits, index for index. */
function withSpelledDigits(text: string): string {
  return text.replace(SPELLED_RUN, (run) => run.replace(/[零〇一二三四五六七八九幺]/g, (c) => SPELLED_DIGIT[c]!));
}

/** The valid phone (or, failing that, the attempted one) and where it is, in normalised text. */
export function locatePhoneIn(original: string, opts: FindPhoneOptions = {}): PhoneSpan | undefined {
  const text = withSpelledDigits(original);
  const runs = numberRuns(text);
  // A run may hold several numbers (502 13811112222): try consecutive groups, widest first.
  for (const run of runs) {
    const n = run.groups.length;
    for (let i = 0; i < n; i++) {
      for (let j = n; j > i; j--) {
        const first = run.groups[i]!;
        const last = run.groups[j - 1]!;
        const phone = normalisePhone(run.groups.slice(i, j).map((g) => g.digits).join(''));
        if (!phone || isHouseNumberOrDate(text, first.start, last.end)) continue;
        return { phone, start: first.start, end: last.end, labelStart: labelStart(text, first.start) };
      }
    }
  }
  for (const run of runs) {
    const digits = run.groups.map((g) => g.digits).join('');
    if (isHouseNumberOrDate(text, run.start, run.end)) continue;
    const labelled = labelStart(text, run.start) < run.start;
    const service = SERVICE_NUMBERS.has(digits);
    const attempt = opts.expectingPhone
      ? digits.length >= 3
      : (/^1\d{9,11}$/.test(digits) || (labelled && digits.length >= 5)) && !service;
    if (attempt) return { invalid: digits, start: run.start, end: run.end, labelStart: labelStart(text, run.start) };
  }
  return undefined;
}

/** The first valid phone number in the text, else the digits of an attempt at one. */
export function findPhone(text: string, opts: FindPhoneOptions = {}): PhoneFinding {
  const span = locatePhoneIn(normaliseForMatching(text), opts);
  if (!span) return {};
  return span.phone ? { phone: span.phone } : { invalid: span.invalid! };
}
