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
const SEPARATORS = '[\\s，,、；;：:]';
const CUT = '\u0000';

function cut(text: string, spans: Array<[number, number]>): string {
  const chars = text.split('');
  for (const [start, end] of spans) for (let i = Math.max(0, start); i < end && i < chars.length; i++) chars[i] = CUT;
  return chars.join('');
}

function meaningful(text: string, expecting: boolean): number {
  const pattern = expecting ? /[\u4e00-\u9fffA-Za-z]/g : /[\u4e00-\u9fff]/g;
  return text.match(pattern)?.length ?? 0;
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
  const description = cut(input.original, input.personal)
    .replace(new RegExp(`${SEPARATORS}*${CUT}+${SEPARATORS}*`, 'g'), (hole: string, offset: number, whole: string) =>
      offset === 0 || offset + hole.length >= whole.length ? '' : '，',
    )
    .replace(/，{2,}/g, '，')
    .replace(LEADING_ANNOUNCEMENTS, '')
    .replace(new RegExp(`^${SEPARATORS}+|${SEPARATORS}+$`, 'g'), '')
    .trim();
  return description === '' ? undefined : description;
}
