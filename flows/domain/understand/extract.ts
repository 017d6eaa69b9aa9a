/**
 * Everything intake can use from one citizen message, in one pure call. Each field is left undefined
 * unless the message says it clearly: intake asks for what is missing, so a guess is worse than a gap.
 */
import type { RequestType } from '../case-draft.ts';
import type { IntakeSlot as Slot } from '../reply.ts';
import { findPlacesIn } from '../places/place-finder.ts';
import type { PlaceMatch } from '../places/place-finder.ts';
import { findAddressIn } from './address.ts';
import { locateConfidentialIn } from './confidential.ts';
import { isCorrectionIn } from './correction.ts';
import { findDescription } from './description.ts';
import { normaliseForMatching } from './fold.ts';
import { locateNameIn } from './name.ts';
import { locatePhoneIn } from './phone.ts';
import { classifyRequestKindIn } from './request-type.ts';
import type { RequestKind } from './request-type.ts';
import { locateTimeExpressionsIn } from './time.ts';

export interface Extraction {
  /** 投诉/求助/举报/建议/表扬 when clearly signalled: what intake may file without asking. */
  type?: RequestType;
  /** The kind of request, 咨询 included, even from weak signals (a question, a duration): for routing. */
  kind?: RequestKind;
  /** When `type` is unclear: 投诉 or 求助, when nothing points to another kind; what intake files without asking. */
  typeGuess?: '投诉' | '求助';
  /** Time expressions as written (半夜两点, 三天了, 从上个月开始), for the summary. */
  times?: string[];
  /** The citizen's account of the problem, in their words, less phone, name and 保密 phrases. */
  description?: string;
  /** Only when a district, a street or street candidates were found. */
  place?: PlaceMatch;
  /** The detailed address below street level, e.g. 花家地北里3号楼 (simplified characters). */
  address?: string;
  /** The address is only a name with no address word in it (远洋山水): enough when none was given, too weak to replace one. */
  addressNameOnly?: true;
  /** Normalised: 11-digit mobile or `0AA(A)-NNNNNNN(N)` landline. */
  phone?: string;
  /** Digits that look like an attempted phone number but are not valid. */
  invalidPhone?: string;
  /** 王先生, 李女士, 王小明; a surname alone (王) for 我姓王. */
  name?: string;
  confidential?: boolean;
  /** The citizen corrects information given earlier. */
  isCorrection: boolean;
}

// Only an account of something wrong is filed as 投诉 unasked; praise said loosely (饭菜真不赖) is not.
const TELLS_A_PROBLEM =
  /坏|没人|不管|不修|不给|不让|不退|不还|吵|闹|漏|堵|脏|臭|乱|欠|拖|贵|难|差|危险|丢|缺|停|故障|问题|影响|占|违|噪|烟|味|黑|冷|不热|没水|没电|积水|坑|破|裂|跑路|骗|扰|歪|倒|掉|塌|满了|没法|不了/;
const SPEAKS_WELL = /不赖|真好|挺好|很好|满意|感谢|谢谢|点赞|夸|表扬|好评|给力|方便多了|好多了|暖心|贴心|负责任|辛苦了/;

export interface ExtractOptions {
  /** The slot the bot has just asked for: answers to it are read more generously. */
  expecting?: Slot;
  /** The bot has just read the case back: a bare titled name (王先生) is a correction of the name. */
  readingBack?: boolean;
}

export function extract(text: string, opts: ExtractOptions = {}): Extraction {
  const { expecting, readingBack } = opts;
  const normalised = normaliseForMatching(text);
  const result: Extraction = { isCorrection: isCorrectionIn(normalised) };

  const phone = locatePhoneIn(normalised, { expectingPhone: expecting === 'phone' });
  if (phone?.phone) result.phone = phone.phone;
  if (phone?.invalid) result.invalidPhone = phone.invalid;
  const phoneSpan: Array<[number, number]> = phone ? [[phone.labelStart, phone.end]] : [];

  const { match, mentions } = findPlacesIn(normalised, { expectingPlace: expecting === 'address' });
  if (match.district || match.street || match.candidates) result.place = match;

  const name = locateNameIn(normalised, { expectingName: expecting === 'name', readingBack: readingBack === true });
  if (name) result.name = name.name;

  const confidential = locateConfidentialIn(normalised, { expectingConfidential: expecting === 'confidential' });
  if (confidential) result.confidential = confidential.confidential;

  // Neither the phone, the name nor the wish for confidentiality (姓张, 不用保密, said when asked where) is
  // any part of the address.
  const notAddress: Array<[number, number]> = [...phoneSpan];
  if (name) notAddress.push([name.start, name.end]);
  if (confidential) notAddress.push([confidential.start, confidential.end]);
  const address = findAddressIn(normalised, mentions, notAddress, { expectingAddress: expecting === 'address' });
  if (address) result.address = address.address;
  if (address?.nameOnly) result.addressNameOnly = true;

  const kind = classifyRequestKindIn(normalised);
  if (kind) {
    result.kind = kind.kind;
    if (kind.confident && kind.kind !== '咨询') result.type = kind.kind;
  }

  const times = locateTimeExpressionsIn(normalised).map(({ start, end }) => text.slice(start, end));
  if (times.length > 0) result.times = times;

  const personal: Array<[number, number]> = [...phoneSpan];
  if (name) personal.push([name.start, name.end]);
  if (confidential) personal.push([confidential.start, confidential.end]);
  const places: Array<[number, number]> = mentions.map((m) => [m.start, m.end]);
  if (address && address.start >= 0) places.push([address.start, address.end]);
  const description = findDescription({
    original: text,
    normalised,
    personal,
    inline: confidential ? [[confidential.start, confidential.end]] : [],
    places,
    expectingDescription: expecting === 'description',
  });
  if (description) result.description = description;

  // Not sure, but nothing points past a grievance or a plea: what a dispatcher would file it as (the
  // read-back shows it, and the citizen can change it). A lean towards praise, a proposal, a report or a
  // question is asked about instead.
  if (!result.type && result.description && (kind === undefined || kind.kind === '投诉' || kind.kind === '求助') && TELLS_A_PROBLEM.test(normalised) && !SPEAKS_WELL.test(normalised)) {
    result.typeGuess = kind?.kind === '求助' ? '求助' : '投诉';
  }

  return result;
}
