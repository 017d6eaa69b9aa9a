import type { CaseDraft, RequestType } from '../domain/case-draft.ts';
import { REQUEST_TYPES } from '../domain/case-draft.ts';
import type { IntakeSlot as Slot, Reply, ReplyOption } from '../domain/reply.ts';
import { extract } from '../domain/understand/extract.ts';
import type { TextHintValues } from '../domain/hints.ts';
import { BEIJING_DISTRICTS, BEIJING_TOWNSHIPS } from '../domain/places/beijing-divisions.ts';
import { detectCommand } from '../domain/understand/commands.ts';
import { changeOptions, confidentialOptions, confirmOptions, intakeCopy as copy, OTHER_CATEGORY, RESPONSE_TIME, STREET_UNKNOWN, typeOptions } from './intake.copy.ts';
import { chooseStreet } from '../domain/places/place-finder.ts';
import { categorise, categoryFromAnswer } from './categorize.ts';
import { categoryTree, formatCategoryPath } from '../domain/categories/category-tree.ts';
import { routeCase, routingNeedsPlace, routingNeedsStreet } from '../domain/routing/route-case.ts';
import { fieldCorrection, fieldNamed } from './field-correction.ts';

/**
 * The pure heart of intake: fold one citizen message into the draft, then decide what to ask.
 * The machine (router.machine.ts) only sequences these steps, so every rule here is testable
 * without an actor.
 */

export type Asking = Slot | 'street_choice' | 'change';
export type Problem = 'invalid_phone' | 'not_understood' | 'place_not_found' | 'phone_declined' | 'asks_why';

export interface StreetChoice {
  code: string;
  name: string;
  districtCode: string;
  district: string;
}

export interface IntakeState {
  draft: CaseDraft;
  /** What the last question asked for, so a bare answer ("2", "王先生") lands in the right slot. */
  asking?: Asking;
  /** Options of the last question: "1" means the first one on every channel. */
  options?: ReplyOption[];
  /** Consecutive messages that moved nothing forward; three of them escalate to a person. */
  failures: number;
  problem?: Problem;
  /** Short acknowledgements of corrections, said before the next question. */
  acks: string[];
  candidates?: StreetChoice[];
  /** The intake records an emergency of this kind: the same danger told again adds to it, not raises it anew. */
  emergency?: string;
}

export const MAX_FAILURES = 3;

export function emptyIntake(draft: CaseDraft = {}): IntakeState {
  return { draft, failures: 0, acks: [] };
}

const SLOT_LABELS: Record<Slot, string> = {
  type: '类型',
  description: '问题描述',
  category: '类别',
  address: '地点',
  phone: '电话',
  name: '称呼',
  confidential: '保密设置',
};

/** "1" → the first option's value; an option's label → its value; anything else unchanged. */
export function resolveOption(text: string, options: ReplyOption[] | undefined): string {
  const trimmed = text.trim().replace(/[。.！!？?\s]+$/u, '');
  if (!options?.length) return trimmed;
  if (/^\d{1,2}$/.test(trimmed)) {
    const picked = options[Number(trimmed) - 1];
    if (picked) return picked.value;
  }
  const byLabel = options.find((o) => o.label === trimmed || o.value === trimmed);
  return byLabel ? byLabel.value : trimmed;
}

function isRequestType(value: string): value is RequestType {
  return (REQUEST_TYPES as readonly string[]).includes(value);
}

function setIfChanged<K extends keyof CaseDraft>(draft: CaseDraft, key: K, value: CaseDraft[K], changed: Set<keyof CaseDraft>) {
  if (value === undefined || draft[key] === value) return;
  draft[key] = value;
  changed.add(key);
}

const SLOT_OF_FIELD: Partial<Record<keyof CaseDraft, Slot>> = {
  type: 'type',
  description: 'description',
  categoryId: 'category',
  district: 'address',
  street: 'address',
  address: 'address',
  phone: 'phone',
  name: 'name',
  nameSkipped: 'name',
  confidential: 'confidential',
};

// Words of a correction or a withdrawal (不对, 不要了, 改地址): never more of the account.
const CORRECTS = /不对|错了|不要了|删掉|去掉|删了|改成|改为|改一下|修改|更正/u;
// 内容补充一下：…: said before more of the account.
const SUPPLEMENT_HEAD = /^(?:内容|问题描述|描述|情况)?(?:再|我再)?补充(?:一下|几句|一点|说明)?[：:，,\s]*/u;
const MORE_MIN_CHARS = 6;

const cjkCount = (text: string) => text.match(/[\u4e00-\u9fff]/gu)?.length ?? 0;
// An answer to the category question this long tells what happened, not only which category, unless it
// only says the citizen cannot tell (都不太像吧我也说不好).
const UNSURE = /说不好|说不准|不知道|不清楚|不确定|不太像|都不像|拿不准|不好说/u;
const CATEGORY_ANSWER_TELLS = 10;

/**
 * More of the account, told while something else was asked (the phone, the place, at the read-back), when
 * the message answered nothing: what to add to the description, or undefined. Short answers to the
 * type, category or confidentiality questions are never taken for it.
 */
function moreOfTheAccount(found: Extraction, draft: CaseDraft, asking: Asking | undefined): string | undefined {
  if (!draft.description || !found.description || !asking || ['description', 'type', 'category', 'confidential'].includes(asking)) return undefined;
  // Asked which street, only an answer that names no place at all can be more of the account.
  if (asking === 'street_choice' && (found.place || found.address)) return undefined;
  const said = SUPPLEMENT_HEAD.exec(found.description)?.[0] ?? '';
  const more = found.description.slice(said.length).trim();
  // 补充一下：物业也不管 says it is more of the account: a few characters are enough then.
  const enough = said.length > 0 ? 2 : MORE_MIN_CHARS;
  return cjkCount(more) >= enough && !draft.description.includes(more) ? more : undefined;
}

// A question about the question being asked: why it is needed, what the options mean.
const ASKS_WHY = /为啥|为什么|干嘛|干什么|干啥|有啥区别|有什么区别|啥区别|什么区别|什么意思|啥意思|有必要|必须[^，,。]*吗|一定要[^，,。]*吗|非得|还要实名|问这么多/;
// 不用 / 不需要 / 算了 to "怎么称呼您？": no name.
const NO_NAME_WORDS = /^(?:不用|不需要|不必|算了|免了|没必要)[了吧啊。！!\s]*$/u;
const KIND_DENIED = /不是(?:要)?(?:投诉|求助|举报|建议|表扬)/u;
const SAID_KIND: Array<[RegExp, RequestType]> = [
  [/夸|表扬|感谢|点赞|好评/u, '表扬'],
  [/建议|提议|提个意见/u, '建议'],
  [/举报|检举/u, '举报'],
  [/求助|帮帮|帮个忙/u, '求助'],
  [/投诉|反映问题/u, '投诉'],
];
// Said anywhere, the citizen will not give a name (18210002000 我不想留名 保密): not asked for one.
const WITHHOLDS_NAME = /不想?留名|不愿意?留名|不留名字|不想留姓名|不想说名字|不想透露姓名|匿名/;
// The citizen does not know the street: 哪个街道我真不清楚, 不知道 就西二旗地铁站.
const DOES_NOT_KNOW = /不知道|不清楚|不确定|说不好|说不清|记不清|不记得|忘了|搞不清/;
// Asked which of several streets, "both" says the place spans them: none of them decides (天通苑到望京 都有).
const SPANS_SEVERAL = /都有|都是|都算|两边都|两个都/;

/**
 * The option an answer to "which street?" picks: tapped or numbered ("2", "2 经海路…"), or named in words
 * ("开发区 经海路…"); `rest` is what the answer says besides, to read as the address.
 */
function pickStreet(text: string, offered: StreetChoice[], options: ReplyOption[] | undefined): { street?: StreetChoice; unknown?: true; rest: string } | undefined {
  const numbered = /^([1-9])(?:[\s.、，,。:：]+(.*))?$/su.exec(text);
  const value = numbered ? resolveOption(numbered[1]!, options) : text;
  const rest = numbered?.[2] ?? '';
  const byValue = offered.find((c) => c.code === value);
  if (byValue) return { street: byValue, rest };
  if (value === STREET_UNKNOWN.value) return { unknown: true, rest };
  const named = chooseStreet(text, offered);
  if (!named) return undefined;
  return { street: named.street, rest: text.slice(0, named.start) + ' '.repeat(named.end - named.start) + text.slice(named.end) };
}

/** The district all the streets lie in, if they share one (天通苑北/南 → 昌平区). */
function sharedDistrict(streets: StreetChoice[]): { code: string; name: string } | undefined {
  const first = streets[0];
  return first && streets.every((c) => c.districtCode === first.districtCode) ? { code: first.districtCode, name: first.district } : undefined;
}

/** Fold one message into the intake state; `hints` (an optional model's) only fill what the rules left empty. */
export function absorb(state: IntakeState, rawText: string, hints?: TextHintValues): IntakeState {
  // 地点改成…, 类别不对 应该是…: the new value of the field named, and of no other; 地址写错了 asks it again.
  const fixing = fieldCorrection(rawText);
  if (fixing?.rest === '') return withSlotForgotten(state, fixing.slot) ?? state;
  if (fixing) return absorbText(state, fixing.rest, hints, fixing.slot, fixing.notThis);
  // 不是3号楼 是5号楼: only what it is counts, and it replaces what it is not.
  const notBut = NOT_BUT.exec(rawText.trim());
  if (notBut && state.draft.description) return absorbText(state, notBut[2]!, hints, undefined, notBut[1]);
  // 5号楼写错了 应该是6号楼: the same, said the other way round.
  const wrongThen = WRONG_THEN.exec(rawText.trim());
  if (wrongThen && state.draft.description) return absorbText(state, wrongThen[2]!, hints, undefined, wrongThen[1]);
  // 哦不对 是5号楼门口: a correction of what was just said.
  const noThen = NO_THEN.exec(rawText.trim());
  if (noThen && state.draft.description) return absorbText(state, noThen[1]!, hints, undefined, '');
  return absorbText(state, rawText, hints);
}

const WRONG_THEN = /^([^，,。\s]{1,20}?)(?:写错了|说错了|打错了|错了|不对)[，,。！!\s]*(?:应该是|而是|是|改成|改为)\s*(.+)$/u;
const NO_THEN = /^(?:哦|噢|啊|呃)?(?:不对|说错了|错了)[，,。！!\s]*(?:应该是|是)\s*(.+)$/u;
// 不是3号楼 是5号楼 / 不是138…而是139…: a correction said as what it is not, then what it is.
const NOT_BUT = /^(?:(?:不对|错了|说错了|写错了)[，,。！!\s]*)*(?:不是|不在)\s*([^，,。\s]{1,20})[，,。\s]*(?:而是|应该是|是|在)\s*(.+)$/u;

/**
 * The address after a correction: a new building number given alone replaces the one it corrects inside
 * the old address (花家地北里3号楼 + 不是3号楼 是5号楼 → 花家地北里5号楼); anything else replaces it whole.
 */
function amendedAddress(old: string | undefined, fresh: string, notThis: string | undefined): string {
  if (!old) return fresh;
  if (notThis && old.includes(notThis)) return old.replace(notThis, fresh);
  // A building number (and the side of it) alone replaces the building in the old address.
  const bare = /^[\d一二三四五六七八九十]+(号楼|号院|栋|幢|单元|号)(门口|旁边|对面|楼下)?$/u.exec(fresh);
  // (Said without a side, the side said before stays: 3号楼门口 + 是5号楼 → 5号楼门口.)
  const inOld = bare ? new RegExp(`[\\d一二三四五六七八九十]+${bare[1]}${bare[2] ? '(?:门口|旁边|对面|楼下)?' : ''}`, 'u').exec(old) : null;
  if (inOld) return old.replace(inOld[0], fresh);
  // An estate's name alone (富乐北里) replaces the estate and keeps the building said after it.
  const building = /^(.*?)(\s*[\d一二三四五六七八九十]+(?:号楼|号院|栋|幢|单元).*)$/u.exec(old);
  return building && !/\d|[一二三四五六七八九十]+(?:号|栋|幢)/u.test(fresh) ? `${fresh}${building[2]}` : fresh;
}

function absorbText(state: IntakeState, rawText: string, hints: TextHintValues | undefined, correctedSlot?: Slot, notThis?: string): IntakeState {
  const text = correctedSlot ? rawText : resolveOption(rawText, state.options);
  const expecting = correctedSlot ?? (state.asking && state.asking !== 'street_choice' && state.asking !== 'change' ? state.asking : undefined);
  const draft: CaseDraft = { ...state.draft };
  const changed = new Set<keyof CaseDraft>();
  let problem: Problem | undefined;
  let candidates: StreetChoice[] | undefined;

  // Asked which of several streets: an option picked by number or in words, the rest of the answer read
  // as the address; or the citizen does not know.
  const offered = state.asking === 'street_choice' && state.candidates?.length ? state.candidates : undefined;
  const picked = offered ? pickStreet(text, offered, state.options) : undefined;
  const chosen = picked?.street;
  const answersWhere = expecting === 'address' || offered !== undefined;
  // "I don't know" is about the street when the street was asked (or the answer says so), not, say, the
  // door number (门牌号不清楚 就在花家地北里).
  const askedStreet = offered !== undefined || (expecting === 'address' && state.draft.districtCode !== undefined && !state.draft.streetCode);
  const doesNotKnowStreet =
    picked?.unknown === true ||
    (!chosen && answersWhere && (((askedStreet || /街道|乡镇/.test(text)) && DOES_NOT_KNOW.test(text)) || (offered !== undefined && SPANS_SEVERAL.test(text))));

  // At the read-back ('change') what the citizen says on its own corrects the case (王先生, 地址是…5号楼).
  const readingBack = state.asking === 'change';
  const found = withHints(
    extract(picked ? picked.rest : text, { expecting: answersWhere ? 'address' : expecting, readingBack }),
    hints,
    expecting,
  );
  if (chosen) found.place = { district: { code: chosen.districtCode, name: chosen.district }, street: chosen, end: -1 };
  const correcting = found.isCorrection || correctedSlot !== undefined || notThis !== undefined;

  // A bare type word restates or changes the type whatever was asked ("投诉" while asked for a name).
  const restatesType = isRequestType(text) && draft.type === text;
  if (isRequestType(text)) setIfChanged(draft, 'type', text, changed);
  else if (found.type && (!draft.type || draft.typeGuessed || correcting || expecting === 'type')) setIfChanged(draft, 'type', found.type, changed);
  else if (draft.type && KIND_DENIED.test(text)) {
    // 我这是夸他们呢 不是投诉: the kind said instead of the one denied.
    const said = SAID_KIND.find(([words]) => words.test(text.replace(KIND_DENIED, '')))?.[1];
    if (said) setIfChanged(draft, 'type', said, changed);
  }
  else if (!draft.type && found.typeGuess && !state.draft.description && expecting !== 'type') {
    setIfChanged(draft, 'type', found.typeGuess, changed);
    draft.typeGuessed = true;
  }
  if (changed.has('type') && draft.typeGuessed && (isRequestType(text) || found.type)) draft.typeGuessed = undefined;

  // An answer to the category question says what kind of problem it is ("都不是，是物业乱收停车费"): it
  // picks the category below and never replaces the account already given.
  const answersCategory = expecting === 'category' && draft.description !== undefined;
  // A correction retells the account only when it corrects nothing else (不是3号楼 是5号楼 corrects the address).
  const mayRetell = correcting && correctedSlot === undefined && notThis === undefined && !found.phone && !found.place && !found.address;
  if (found.description && !answersCategory && (!draft.description || expecting === 'description' || mayRetell)) {
    setIfChanged(draft, 'description', found.description, changed);
  }

  if (expecting === 'category') {
    // 都不是 单位不给我们交社保 交了三年了: the answer also tells what happened; the account keeps it, and the
    // category is read from the whole account.
    // (What the citizen told, less phone, name and confidentiality: never the raw message.)
    const told = (found.description ?? '').replace(NONE_OF_THESE, '').trim();
    if (answersCategory && draft.description && cjkCount(told) >= CATEGORY_ANSWER_TELLS && !UNSURE.test(told) && !draft.description.includes(told)) {
      draft.description = `${draft.description}；${told}`;
      changed.add('description');
      const { categoryId } = categorise(draft.description);
      if (categoryId) {
        draft.categoryId = categoryId;
        draft.categoryUnknown = undefined;
        changed.add('categoryId');
      }
    }
    if (!changed.has('categoryId')) {
      const answer = categoryAnswer(text, draft, state.options);
      if (answer) {
        Object.assign(draft, answer);
        changed.add('categoryId');
      } else problem = 'not_understood';
    }
  } else if (changed.has('description') && draft.description) {
    // A new account of the problem: categorise it afresh; ask only when the evidence is unclear.
    const { categoryId } = categorise(draft.description);
    draft.categoryId = categoryId;
    draft.categoryUnknown = undefined;
  }

  const setDistrict = (d: { code: string; name: string }) => {
    if (draft.districtCode === d.code) return;
    setIfChanged(draft, 'districtCode', d.code, changed);
    setIfChanged(draft, 'district', d.name, changed);
    draft.streetCode = undefined;
    draft.street = undefined;
  };
  if (found.place?.street) {
    const s = found.place.street;
    setIfChanged(draft, 'districtCode', s.districtCode, changed);
    setIfChanged(draft, 'district', s.district, changed);
    setIfChanged(draft, 'streetCode', s.code, changed);
    setIfChanged(draft, 'street', s.name, changed);
    draft.streetUnknown = undefined;
  } else if (found.place?.candidates?.some((c) => c.code === draft.streetCode) && !offered) {
    // The street already known is one of the candidates (回龙观华联 … 霍营方向, placed in 回龙观 before):
    // nothing to ask.
  } else if (found.place?.candidates?.length) {
    // Streets of one district (天通苑北/南, 五道口) settle the district at least.
    const district = sharedDistrict(found.place.candidates);
    if (district) setDistrict(district);
    // …and when the unit does not depend on the street (出租车司机绕路), that is all that is needed.
    const streetMatters = offered !== undefined || routingNeedsStreet(routeInput(draft));
    const same = offered?.length === found.place.candidates.length && found.place.candidates.every((c) => offered.some((o) => o.code === c.code));
    if (!doesNotKnowStreet && streetMatters) candidates = same ? offered : found.place.candidates;
  } else if (found.place?.district) {
    setDistrict(found.place.district);
  }
  if (offered && !chosen && !doesNotKnowStreet && !found.place?.street && (!candidates || candidates === offered)) {
    // An answer that picks none of the options (nor names another district or street) gets the same
    // options again: "2" still means what it meant.
    const elsewhere = found.place?.district && !offered.some((c) => c.districtCode === found.place?.district?.code);
    if (!elsewhere) {
      candidates = offered;
      problem = 'not_understood';
    }
  }
  const acks: string[] = [];
  if (doesNotKnowStreet && !draft.streetCode) {
    // Not knowing the street is an answer: the case goes by the district (route-case.ts), or intake asks
    // for the district when even that is unknown.
    const district = offered ? sharedDistrict(offered) : undefined;
    if (district) setDistrict(district);
    if (!draft.streetUnknown) acks.push(copy.streetUnknownOk);
    setIfChanged(draft, 'streetUnknown', true, changed);
  }
  // At the read-back ('change') an address given on its own is the citizen correcting it ("地址是…5号楼").
  // Asked where, a new address replaces the old, unless it only repeats part of it (西二旗地铁站B口 → 西二旗地铁站)
  // or is only a name said in passing (开发区那边的 荣华街道 keeps 亦庄荣华中路).
  const repeatsAddress =
    answersWhere && !correcting && found.address !== undefined && draft.address !== undefined && (draft.address.includes(found.address) || found.addressNameOnly === true);
  if (found.address && !repeatsAddress && (!draft.address || answersWhere || correcting || readingBack)) {
    setIfChanged(draft, 'address', correcting ? amendedAddress(draft.address, found.address, notThis) : found.address, changed);
  }
  if (expecting === 'address' && !found.place && !found.address && !doesNotKnowStreet) problem = 'place_not_found';

  if (found.phone) setIfChanged(draft, 'phone', found.phone, changed);
  else if (found.invalidPhone && (expecting === 'phone' || correcting)) problem = 'invalid_phone';
  else if (expecting === 'phone') problem = DECLINES_PHONE.test(text) || detectCommand(text) === 'skip' ? 'phone_declined' : 'not_understood';

  const withholdsName = (expecting === 'name' && (['skip', 'no'].includes(detectCommand(text) ?? '') || NO_NAME_WORDS.test(text.trim()))) || WITHHOLDS_NAME.test(text);
  if (!found.name && withholdsName && !draft.name) setIfChanged(draft, 'nameSkipped', true, changed);
  else if (found.name) {
    setIfChanged(draft, 'name', found.name, changed);
    draft.nameSkipped = undefined;
  }

  if (found.confidential !== undefined) setIfChanged(draft, 'confidential', found.confidential, changed);
  else if (expecting === 'confidential') problem = 'not_understood';

  if (expecting === 'type' && !draft.type) problem = 'not_understood';
  if (expecting === 'description' && !draft.description) problem = 'not_understood';
  if (expecting === 'name' && !changed.has('name') && !changed.has('nameSkipped')) problem = 'not_understood';

  if (restatesType) return { ...finish(state, draft, changed, undefined, candidates, acks), failures: state.failures, problem: undefined };
  // 每天半夜两点还在吵 已经三天了, told while asked for the phone: more of the account, kept with it.
  const saysSomethingElse =
    ASKS_WHY.test(text) || DECLINES_PHONE.test(text) || CORRECTS.test(text) || found.confidential !== undefined || detectCommand(text) !== undefined;
  const more = changed.size === 0 && !correctedSlot && notThis === undefined && !saysSomethingElse ? moreOfTheAccount(found, draft, state.asking) : undefined;
  if (more) {
    draft.description = `${draft.description}；${more}`;
    return { ...finish(state, draft, changed, undefined, candidates, [...acks, copy.supplemented], true), failures: state.failures };
  }
  // 你先告诉我能不能保密: asked again, the promise is said again.
  if (changed.size === 0 && found.confidential === true && draft.confidential === true) {
    return { ...finish(state, draft, changed, undefined, candidates, [...acks, copy.confidentialNoted]), failures: state.failures, problem: undefined };
  }
  // 为啥要我电话？ / 这有啥区别？: a question about the question, answered before it is asked again; it
  // counts as no failure.
  if (changed.size === 0 && (expecting || state.asking === 'street_choice') && !correctedSlot && ASKS_WHY.test(text)) {
    return { ...finish(state, draft, changed, 'asks_why', candidates, acks), failures: state.failures };
  }
  // Picking the street that was already set is an answer all the same.
  return finish(state, draft, changed, problem, candidates, acks, chosen !== undefined);
}

/**
 * The citizen's pick among the category options, a category named in words ("宽带" for the option
 * 话费宽带费, "养老服务" for the node of that name, "都不是，是物业乱收停车费"), or "none of these".
 */
function categoryAnswer(text: string, draft: CaseDraft, options: ReplyOption[] | undefined): Pick<CaseDraft, 'categoryId' | 'categoryUnknown'> | undefined {
  // 跳过 / 不知道: the hotline will pick, as for 都不是.
  const noneOfThese = text === 'other' || NONE_OF_THESE.test(text) || detectCommand(text) === 'skip' || /^(?:不知道|不清楚|说不好|不确定)/u.test(text);
  const words = text.replace(NONE_OF_THESE, '').replace(/^[，,。\s]*(?:是|就是|应该是|属于)?/u, '').trim();
  if (words.length >= 2 && text !== 'other') {
    const offered = (options ?? []).filter((o) => o.value !== OTHER_CATEGORY.value);
    const byLabel = offered.filter((o) => o.label.includes(words) || words.includes(o.label));
    if (byLabel.length === 1) return { categoryId: byLabel[0]!.value, categoryUnknown: undefined };
    // 消防吧 太危险了 for the option 消防安全: the answer starts with the first two characters of one option only.
    const byStart = offered.filter((o) => o.label.length >= 2 && words.startsWith(o.label.slice(0, 2)));
    if (byLabel.length === 0 && byStart.length === 1) return { categoryId: byStart[0]!.value, categoryUnknown: undefined };
    const categoryId = categoryFromAnswer(words);
    if (categoryId) return { categoryId, categoryUnknown: undefined };
  }
  if (noneOfThese) {
    const fallbackId = draft.description ? categorise(draft.description).fallbackId : undefined;
    return fallbackId ? { categoryId: fallbackId, categoryUnknown: undefined } : { categoryId: undefined, categoryUnknown: true };
  }
  return undefined;
}

const NONE_OF_THESE = /^(?:都不是|都不对|都不太对|不是这些|没有合适的|哪个都不是)[，,。\s]*/u;

type Extraction = ReturnType<typeof extract>;

/**
 * Model hints fill only the gaps the rules left, and choose only among the rules' own candidates.
 * Phone numbers and descriptions are never taken from a model: the citizen's own words stand.
 */
function withHints(found: Extraction, hints: TextHintValues | undefined, expecting: Slot | undefined): Extraction {
  if (!hints) return found;
  const merged: Extraction = { ...found };
  if (!merged.type && hints.kind && isRequestType(hints.kind)) merged.type = hints.kind;
  const street = hints.street ? BEIJING_TOWNSHIPS.find((t) => t.name === hints.street && (!hints.district || t.district === hints.district)) : undefined;
  if (found.place?.candidates?.length && street) {
    const chosen = found.place.candidates.find((c) => c.code === street.code);
    if (chosen) merged.place = { ...found.place, street: chosen, candidates: undefined, district: { code: chosen.districtCode, name: chosen.district } };
  } else if (!found.place && street) {
    const ref = { code: street.code, name: street.name, districtCode: street.districtCode, district: street.district };
    merged.place = { district: { code: street.districtCode, name: street.district }, street: ref, end: -1 };
  } else if (!found.place && hints.district) {
    const district = BEIJING_DISTRICTS.find((d) => d.name === hints.district);
    if (district) merged.place = { district: { code: district.code, name: district.name }, end: -1 };
  }
  if (!merged.address && hints.address) merged.address = hints.address;
  if (!merged.name && hints.name && expecting === 'name') merged.name = hints.name;
  if (merged.confidential === undefined && hints.confidential !== undefined && expecting === 'confidential') merged.confidential = hints.confidential;
  return merged;
}

const NOTED_ASIDE = new Set<Slot>(['phone', 'name', 'confidential']);

function finish(
  state: IntakeState,
  draft: CaseDraft,
  changed: Set<keyof CaseDraft>,
  problem: Problem | undefined,
  candidates: StreetChoice[] | undefined,
  acks: string[] = [],
  answered = false,
): IntakeState {
  const correctedSlots = new Set<Slot>();
  // Given while another question was asked (a phone to "where?"): said to be taken, so the same
  // question asked again does not read as if the answer was ignored.
  const aside = new Set<Slot>();
  for (const field of changed) {
    const slot = SLOT_OF_FIELD[field];
    const hadValue = state.draft[field] !== undefined;
    // Replacing a guessed type is an answer, not a correction.
    if (slot && hadValue && !(field === 'type' && state.draft.typeGuessed)) correctedSlots.add(slot);
    else if (slot && state.asking && state.asking !== slot && NOTED_ASIDE.has(slot)) aside.add(slot);
  }
  // Answered along with the question asked (13811112222 王先生 不用保密), nothing needs saying.
  const answeredAsked = [...changed].some((field) => SLOT_OF_FIELD[field] === state.asking);
  if (answeredAsked) aside.clear();
  // 能保密吗 while asked for the phone: say what confidentiality means rather than "保密设置记下了".
  if (aside.has('confidential') && draft.confidential) {
    aside.delete('confidential');
    acks.push(copy.confidentialNoted);
  }
  if (aside.size > 0) acks.push(copy.noted([...aside].map((slot) => SLOT_LABELS[slot]).join('和')));
  // The same street options offered again are no progress.
  const progressed = answered || changed.size > 0 || (candidates !== undefined && candidates !== state.candidates);
  return {
    draft,
    failures: progressed ? 0 : state.failures + 1,
    problem: progressed && problem !== 'invalid_phone' ? undefined : (problem ?? 'not_understood'),
    // "Not knowing the street is fine" already says the place was taken.
    acks: [...acks, ...[...correctedSlots].filter((slot) => !(slot === 'address' && acks.includes(copy.streetUnknownOk))).map((slot) => copy.updated(SLOT_LABELS[slot]))],
    candidates,
    asking: state.asking,
    options: state.options,
    ...(state.emergency ? { emergency: state.emergency } : {}),
  };
}

/** A street, or a district when the citizen does not know the street, and the detailed address. */
export function hasPlace(draft: CaseDraft): boolean {
  // A case for a city body that takes it wherever it happened (a taxi, to the transport commission) needs
  // no place: what the citizen said of it is kept, nothing is asked.
  if (!routingNeedsPlace(routeInput(draft))) return true;
  return Boolean((draft.streetCode || (draft.districtCode && (draft.streetUnknown || !needsStreet(draft)))) && draft.address);
}

const routeInput = (draft: CaseDraft) => ({ categoryId: draft.categoryId, districtCode: draft.districtCode, requestType: draft.type });

/** A case for a district's department (a hospital, a school, a shop's licence) needs no street to be routed. */
function needsStreet(draft: CaseDraft): boolean {
  return routingNeedsStreet(routeInput(draft));
}

/** The next thing intake needs, in the order a person would ask it. */
// "Don't call me" to the phone question: say why the number is needed instead of "I didn't understand".
const DECLINES_PHONE = /不用联系|别联系|不要联系|不想留|不留|不方便留|不给|不用打电话|别打电话|不需要电话|没有电话|不想给/;

export function missingSlot(draft: CaseDraft): Slot | undefined {
  if (!draft.description) return 'description';
  if (!draft.type) return 'type';
  // Praise goes to the unit of the place (or the one praised): no category question.
  if (!draft.categoryId && !draft.categoryUnknown && draft.type !== '表扬') return 'category';
  if (!hasPlace(draft)) return 'address';
  if (!draft.phone) return 'phone';
  if (draft.name === undefined && !draft.nameSkipped) return 'name';
  if (draft.confidential === undefined) return 'confidential';
  return undefined;
}

export interface Question {
  reply: Reply;
  asking: Asking;
  options?: ReplyOption[];
}

function withPreamble(state: IntakeState, text: string): string {
  const parts = [...state.acks];
  if (state.problem === 'invalid_phone') parts.push(copy.invalidPhone);
  else if (state.problem === 'place_not_found') parts.push(copy.placeNotFound);
  else if (state.problem === 'phone_declined') parts.push(copy.phoneNeeded);
  else if (state.problem === 'asks_why' && state.asking && state.asking in copy.whyAsked) parts.push(copy.whyAsked[state.asking as keyof typeof copy.whyAsked]);
  else if (state.problem === 'not_understood' && state.failures > 0) parts.push(copy.notUnderstood);
  parts.push(text);
  return parts.join('');
}

function question(state: IntakeState, slot: Slot, text: string, options?: ReplyOption[], asking: Asking = slot): Question {
  const reply: Reply = { kind: 'question', slot, text: withPreamble(state, text) };
  if (options) reply.options = options;
  return { reply, asking, options };
}

/** Ask for what is missing. Only call when missingSlot(draft) is defined. */
export function nextQuestion(state: IntakeState): Question {
  const d = state.draft;
  if (state.candidates?.length) {
    const options = state.candidates.map((c) => ({ label: `${c.district}${c.name}`, value: c.code }));
    // Streets of one district: not knowing which is fine, the district will do.
    if (sharedDistrict(state.candidates)) options.push(STREET_UNKNOWN);
    const first = state.candidates[0];
    // "在几个区都有" only when it is true: one name in several districts.
    const sameName = state.candidates.every((c) => c.name === first?.name);
    return question(state, 'address', sameName && first ? copy.askStreetChoice(first.name) : copy.askWhichStreet, options, 'street_choice');
  }
  const slot = missingSlot(d) ?? 'description';
  switch (slot) {
    case 'description':
      return question(state, slot, state.failures > 0 ? copy.askDescriptionAgain : copy.askDescription);
    case 'type':
      return question(state, slot, copy.askType, typeOptions);
    case 'category':
      return question(state, slot, copy.askCategory, categorise(d.description ?? '').options);
    case 'address':
      if (d.streetCode) return question(state, slot, copy.askDetailIn(`${d.district ?? ''}${d.street ?? ''}`));
      if (d.districtCode && (d.streetUnknown || !needsStreet(d))) return question(state, slot, copy.askDetailIn(d.district ?? ''));
      if (d.districtCode) return question(state, slot, copy.askStreetIn(d.district ?? ''));
      if (d.streetUnknown) return question(state, slot, copy.askDistrict);
      if (d.address) return question(state, slot, copy.askStreetFor(d.address));
      return question(state, slot, copy.askPlace);
    case 'phone':
      return question(state, slot, copy.askPhone);
    case 'name':
      return question(state, slot, copy.askName);
    case 'confidential':
      return question(state, slot, copy.askConfidential, confidentialOptions);
  }
}

export function maskPhone(phone: string): string {
  return phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2');
}

/** Where the case will go and how fast, as the read-back tells the citizen. */
export function routingOf(draft: CaseDraft) {
  return routeCase({ categoryId: draft.categoryId, districtCode: draft.districtCode, streetCode: draft.streetCode, requestType: draft.type });
}

function categoryPathOf(draft: CaseDraft): string | null {
  return draft.categoryId ? formatCategoryPath(categoryTree().path(draft.categoryId)) : null;
}

export function summary(draft: CaseDraft, routing = routingOf(draft)) {
  return {
    type: draft.type ?? null,
    description: draft.description ?? null,
    categoryId: draft.categoryId ?? null,
    categoryPath: categoryPathOf(draft),
    unit: routing.unit,
    responseLevel: routing.responseLevel,
    district: draft.district ?? null,
    street: draft.street ?? null,
    address: draft.address ?? null,
    phone: draft.phone ?? null,
    name: draft.name ?? null,
    confidential: draft.confidential ?? false,
  };
}

/** Said after the place when the case goes by its district because the street is not known. */
function streetNote(draft: CaseDraft, rule: string): string {
  if (!draft.streetUnknown || draft.streetCode) return '';
  return copy.streetUnknownNote(/^territorial:(?:.*→)?district$/.test(rule));
}

export function readBack(state: IntakeState): Question {
  const d = state.draft;
  const routing = routingOf(d);
  const handledBy = routing.unit
    ? copy.handledBy(routing.unit.name, RESPONSE_TIME[routing.responseLevel] ?? '')
    : copy.dispatchedByHotline;
  const lines = [
    `类型：${d.type ?? ''}`,
    `类别：${categoryPathOf(d) ?? '待热线确定'}`,
    `内容：${d.description ?? ''}`,
    `地点：${`${d.district ?? ''}${d.street ?? ''} ${d.address ?? ''}`.trim() || copy.placeNotNeeded}${streetNote(d, routing.rule)}`,
    `电话：${d.phone ?? ''}`,
    `称呼：${d.name ?? '未留'}`,
    `保密：${d.confidential ? '是' : '否'}`,
    `承办：${handledBy}`,
  ];
  const text = [...state.acks, copy.readBackIntro, ...lines, copy.readBackOutro].join('\n');
  return {
    reply: { kind: 'confirm', text, options: confirmOptions, data: { summary: summary(d, routing) } },
    asking: 'change',
    options: confirmOptions,
  };
}

export type ConfirmAnswer = 'yes' | 'change' | 'other';

export function confirmAnswer(rawText: string, options: ReplyOption[] | undefined): ConfirmAnswer {
  const text = resolveOption(rawText, options);
  if (text === '确认') return 'yes';
  if (text === '修改') return 'change';
  const command = detectCommand(text);
  if (command === 'yes') return 'yes';
  if (command === 'no') return 'change';
  return 'other';
}

export function askWhichToChange(): Question {
  return {
    reply: { kind: 'question', text: copy.whichToChange, options: changeOptions },
    asking: 'change',
    options: changeOptions,
  };
}

/** The citizen picked a field to change from the list: forget it so intake asks for it again. */
export function forgetSlot(state: IntakeState, rawText: string): IntakeState | undefined {
  // 内容, 地址, 手机号: a field named in the read-back's words (or any of its names) picks it too.
  return withSlotForgotten(state, (fieldNamed(rawText) ?? resolveOption(rawText, changeOptions)) as Slot);
}

/** The state with one field forgotten, so intake asks for it again; undefined for a slot that is no field. */
function withSlotForgotten(state: IntakeState, slot: Slot): IntakeState | undefined {
  const draft = { ...state.draft };
  switch (slot) {
    case 'type':
      draft.type = undefined;
      break;
    case 'description':
      draft.description = undefined;
      break;
    case 'category':
      Object.assign(draft, { categoryId: undefined, categoryUnknown: undefined });
      break;
    case 'address':
      Object.assign(draft, { districtCode: undefined, district: undefined, streetCode: undefined, street: undefined, streetUnknown: undefined, address: undefined });
      break;
    case 'phone':
      draft.phone = undefined;
      break;
    case 'name':
      Object.assign(draft, { name: undefined, nameSkipped: undefined });
      break;
    case 'confidential':
      draft.confidential = undefined;
      break;
    default:
      return undefined;
  }
  return { ...emptyIntake(JSON.parse(JSON.stringify(draft)) as CaseDraft), failures: 0, ...(state.emergency ? { emergency: state.emergency } : {}) };
}

// 你们多久能给修好 / 什么时候来人: asked while filing, about the case's deadline.
// (好几天了, 都多久了 tell how long it has lasted: no question.)
const ASKS_HOW_LONG = /多久(?![了都])|多长时间(?!了)|几天(?:能|可以|会|才)|(?:什么|啥)时候(?:能|会|才)?(?:修|办|处理|来|解决|给)/u;

/** The answer to "how long will it take?" from the draft's category, or undefined when it is no such question. */
export function howLongAnswer(draft: CaseDraft, text: string): string | undefined {
  if (!ASKS_HOW_LONG.test(text) || !draft.description) return undefined;
  const routing = routeCase({ categoryId: draft.categoryId, districtCode: draft.districtCode, streetCode: draft.streetCode, requestType: draft.type });
  return copy.howLong(RESPONSE_TIME[routing.responseLevel] ?? '');
}
