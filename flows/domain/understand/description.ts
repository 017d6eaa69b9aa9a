/**
 * The citizen's account of the problem. Kept in their own words (units read it as written), less the
 * personal details intake stores in their own fields: the phone number, the name, the 保密 request.
 */

export interface DescriptionInput {
  /** The message as the citizen wrote it. */
  original: string;
  /** The same text normalised (same length, index for index). */
  normalised: string;
  /** Spans to cut out of the description: phone with its label, the introduction, the 保密 phrase. */
  personal: Array<[number, number]>;
  /**
   * Those of `personal` that may sit inside a sentence (我想[匿名]反映一下…): where one is cut with no
   * punctuation around it, the words either side join up instead of being parted by a comma.
   */
  inline?: Array<[number, number]>;
  /** Spans that are places or the address: they do not count as an account of a problem. */
  places: Array<[number, number]>;
  /** The bot asked for the description: a short account is enough. */
  expectingDescription?: boolean;
}

const MIN_CJK = 6;
const MIN_WHEN_ASKED = 4;
// Beyond the places and the address, this much must be left for the message to be more than an address
// (石景山区…28号院里的树倒了 is an account; 住在回龙观龙泽苑东区12号楼 is not).
const MIN_BEYOND_ADDRESS = 3;
const FILLER = /在|住|那边|这边|附近|一带|我们家|我家|我|是|的|了/g;
// Phrases that announce a request without describing one: 你好，我要投诉 / 我想反映个问题.
const ANNOUNCEMENTS =
  /你好|您好|在吗|请问|麻烦(?:你们|您|你)?|谢谢(?:你们|您|你)?|我(?:要|想|想要|需要)|(?:投诉|举报|反映|求助|建议|表扬|咨询|报修)(?:一下)?|(?:一|几)?个|一下|问题|情况|事情/g;
// Whole clauses of greeting or announcement before the account: '你好，我想反映一下，' is not the problem.
const LEADING_ANNOUNCEMENTS =
  /^(?:(?:你好|您好|在吗|hi|hello|喂|请问|麻烦(?:你们|您|你)?|我(?:要|想|想要|需要)?|(?:投诉|举报|反映|求助|咨询)(?:一下)?|(?:一|几)?个|问题|情况|事情)+[\s，,。.！!：:、]+)+/iu;
// A greeting run into the account (你好我是望京西园三区的业主…) is not part of it either.
// Only before 我/请/麻烦: 你好好管管你家的狗 starts with no greeting.
const LEADING_GREETING = /^(?:你好|您好)(?=我|请|麻烦)/;
const SEPARATORS = '[\\s，,、；;：:]';
const CUT = '\u0000';

// Punctuation and spaces, on normalised text (full-width folded to half-width): what lies between clauses.
// Brackets count too, so that '（电话138…）' goes with its number, but never stand in for a hole.
const PUNCTUATION = /[\s,、;:。.!?…~～()（）【】[\]]/;
// When a hole swallows punctuation, the strongest of it stands in for the hole: '业主，姓王，电话…。物业'
// → '业主。物业'.
const STRENGTH: Array<[RegExp, number]> = [
  [/[。.!?…]/, 3],
  [/[;]/, 2],
  [/[,、:~～]/, 1],
  [/\s/, 0],
];
const SENTENCE_END = /[。.!?…]/;
// Words that only lead up to what was cut (你好[我是王先生], 另外[请帮我保密], 有事[打我电话…]) or only
// follow it (…[电话138…]，谢谢): nothing of the account is left in them once the personal part is gone.
const LEAD_IN =
  /^(?:你好|您好|我|我的|本人|是|就是|这是|有事|请|可以|麻烦|打|拨打|联系|另外|还有|并且|而且|同时|但是|希望|最好|一定|务必|千万|我想|我要)+$/;
const LEAD_OUT = /^(?:谢谢|谢了|多谢|感谢|谢谢你们|谢谢您|随时联系|有事联系|就行|就好|吧|哈|啊|呀|的)+$/;

function strength(char: string): number {
  for (const [pattern, value] of STRENGTH) if (pattern.test(char)) return value;
  return -1;
}

function cut(text: string, spans: Array<[number, number]>): string {
  const chars = text.split('');
  for (const [start, end] of spans) for (let i = Math.max(0, start); i < end && i < chars.length; i++) chars[i] = CUT;
  return chars.join('');
}

function meaningful(text: string, expecting: boolean): number {
  const pattern = expecting ? /[\u4e00-\u9fffA-Za-z]/g : /[\u4e00-\u9fff]/g;
  return text.match(pattern)?.length ?? 0;
}

interface Run {
  start: number;
  end: number;
  /** Text of the account (true) or punctuation and holes between it (false). */
  words: boolean;
  /** For punctuation runs: part of it was cut. */
  holed: boolean;
}

function runsOf(normalised: string, removed: boolean[]): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < normalised.length; i++) {
    const words = !removed[i] && !PUNCTUATION.test(normalised[i]!);
    const last = runs[runs.length - 1];
    if (last && last.words === words) {
      last.end = i + 1;
      last.holed ||= removed[i]!;
    } else runs.push({ start: i, end: i + 1, words, holed: removed[i]! });
  }
  return runs;
}

/** Cut the personal spans and whatever only led up to them or followed them. */
function removedChars(normalised: string, personal: Array<[number, number]>): boolean[] {
  const removed = new Array<boolean>(normalised.length).fill(false);
  for (const [start, end] of personal) for (let i = Math.max(0, start); i < end && i < normalised.length; i++) removed[i] = true;
  for (let changed = true; changed; ) {
    changed = false;
    const runs = runsOf(normalised, removed);
    // A hole that ends its clause (kept punctuation after the cut, or the end of the text) can take the
    // words leading up to it; one that starts its clause can take the words after it. 我想[匿名]反映一下…
    // keeps 我想: the clause goes on.
    const closesClause = (hole: Run | undefined, last: boolean) => hole?.holed === true && (last || !removed[hole.end - 1]);
    const opensClause = (hole: Run | undefined, first: boolean) => hole?.holed === true && (first || !removed[hole.start]);
    runs.forEach((run, i) => {
      if (!run.words) return;
      const text = normalised.slice(run.start, run.end);
      const leadsIn = closesClause(runs[i + 1], i + 1 === runs.length - 1) && LEAD_IN.test(text);
      const followsOn = opensClause(runs[i - 1], i - 1 === 0) && LEAD_OUT.test(text);
      if (!leadsIn && !followsOn) return;
      for (let k = run.start; k < run.end; k++) removed[k] = true;
      changed = true;
    });
  }
  return removed;
}

/** The original text less what was removed, each hole mended with the punctuation it swallowed. */
function mend(original: string, normalised: string, removed: boolean[], inline: Array<[number, number]>): string {
  const runs = runsOf(normalised, removed);
  return runs
    .map((run, i) => {
      if (run.words || !run.holed) return original.slice(run.start, run.end);
      if (i === 0) return '';
      const kept: number[] = [];
      for (let k = run.start; k < run.end; k++) if (!removed[k] && strength(normalised[k]!) >= 0) kept.push(k);
      if (i === runs.length - 1) {
        const end = kept.find((k) => SENTENCE_END.test(normalised[k]!));
        return end === undefined ? '' : original[end]!;
      }
      const strongest = kept.reduce<number | undefined>((best, k) => (best === undefined || strength(normalised[k]!) > strength(normalised[best]!) ? k : best), undefined);
      if (strongest !== undefined) return original[strongest]!;
      return inline.some(([start, end]) => start <= run.start && run.end <= end) ? '' : '，';
    })
    .join('');
}

export function findDescription(input: DescriptionInput): string | undefined {
  const expecting = input.expectingDescription === true;
  const said = cut(input.normalised, input.personal).replace(ANNOUNCEMENTS, '');
  if (meaningful(said, expecting) < (expecting ? MIN_WHEN_ASKED : MIN_CJK)) return undefined;
  const beyondAddress = cut(input.normalised, [...input.personal, ...input.places])
    .replace(ANNOUNCEMENTS, '')
    .replace(FILLER, '');
  if (meaningful(beyondAddress, expecting) < (expecting ? 1 : MIN_BEYOND_ADDRESS)) return undefined;

  // Cut personal details and mend the punctuation around the hole: '…没人清理，电话138…' → '…没人清理'.
  const removed = removedChars(input.normalised, input.personal);
  const description = mend(input.original, input.normalised, removed, input.inline ?? [])
    .replace(LEADING_ANNOUNCEMENTS, '')
    .replace(LEADING_GREETING, '')
    .replace(new RegExp(`^${SEPARATORS}+|${SEPARATORS}+$`, 'g'), '')
    .trim();
  return description === '' ? undefined : description;
}
