/**
 * Whether the citizen asks to keep their identity confidential (保密). The 接诉即办 regulation obliges
 * units to honour it, so a clear "no need" is recorded as much as a clear "please".
 */
import { detectCommand } from './commands.ts';
import { localFold, normaliseForMatching } from './fold.ts';

export interface ConfidentialFinding {
  confidential: boolean;
  /** The phrase that said it (请帮我保密), so it can be cut out of the description. */
  start: number;
  end: number;
}

export interface FindConfidentialOptions {
  /** The bot just asked "需要保密吗？": a bare yes or no answers it. */
  expectingConfidential?: boolean;
}

// Checked first: 不用保密 contains 保密.
const NOT_CONFIDENTIAL =
  /(?:不用|不需要|无需|不必|没必要|用不着|不要求|不)(?:给我|帮我)?保密|保密(?:不用|不需要)|无所谓|可以公开|公开也(?:行|可以|没关系)|不介意(?:公开|透露|告诉)?/;
// Fear of retaliation (怕被报复) is a wish for confidentiality too: the regulation protects against both.
const CONFIDENTIAL =
  /(?:(?:此事|这件事|这事)?(?:请|麻烦|希望|务必))?(?:帮我|给我|对我|为我)?(?:保密|匿名)|(?:别|不要|不想)让[^，,。！!？?]{0,12}?知道(?:是我)?|(?:不希望|不愿意?)让?[^，,。！!？?]{0,12}?知道(?:是我)?|(?:请)?(?:不要|别|不想|勿|请勿|不希望)(?:透露|泄露|公开|告诉别人|暴露)(?:我的?)?(?:信息|电话|名字|姓名|身份|号码|个人信息)?|怕(?:被)?(?:打击)?报复/;
// The rest of the wish after the phrase: 别让物业知道是我[反映的], 不希望房东知道是我[说的].
const WISH_TAIL = /^(?:(?:反映|举报|投诉|说|打(?:的)?电话|打|报)(?:的|(?=$|[\s，,。！!？?；;]))|的)?/;
// A clause next to the wish that gives its reason: 他们会刁难, 怕房东报复, 不然物业会找我麻烦. It belongs
// to the wish, not to the account. Only a fear or a future (怕, 会) makes it a reason: 物业报复我 is
// something that happened, and stays in the account.
const REASON =
  /^(?:因为|不然|否则|免得|以免|要不然?|我)?[^，,。！!？?；;、\s]{0,8}?(?:怕|担心|害怕|会|要|不然|否则|免得|以免)[^，,。！!？?；;、\s]{0,6}?(?:刁难|报复|找(?:我的?)?麻烦|为难|穿小鞋|针对我)(?:我)?(?:的)?$/;
const CLAUSE_BREAK = /[\s，,。！!？?；;、]/;
const MAX_REASON = 14;
const YES_WORDS = /^(?:需要|要|需要的|要的|保密|请保密)$/;
const NO_WORDS = /^(?:不用|不需要|不要|没事|没关系|无所谓|都行|随便|不必)$/;

// Traditional forms the shared fold (fold.ts) leaves alone, folded here only, index for index: the fold
// feeds trained models, which would all have to be retrained for a character added there.
const foldTraditional = localFold('別别復复訊讯護护隱隐');

export function locateConfidentialIn(original: string, opts: FindConfidentialOptions = {}): ConfidentialFinding | undefined {
  const text = foldTraditional(original);
  const no = NOT_CONFIDENTIAL.exec(text);
  if (no) return { confidential: false, start: no.index, end: no.index + no[0].length };
  const yes = CONFIDENTIAL.exec(text);
  if (yes) return { confidential: true, ...wholeWish(text, yes.index, yes.index + yes[0].length) };
  if (!opts.expectingConfidential) return undefined;
  const core = text.replace(/[\s\p{P}\p{S}]|[吧了呢啊呀的哈]+$/gu, '');
  const command = detectCommand(text);
  if (command === 'yes' || YES_WORDS.test(core)) return { confidential: true, start: 0, end: text.length };
  if (command === 'no' || NO_WORDS.test(core)) return { confidential: false, start: 0, end: text.length };
  return undefined;
}

/** The clause after `from` (or before `to`, going back): its bounds, past one run of separators. */
function clauseAfter(text: string, from: number): [number, number] {
  let start = from;
  while (start < text.length && CLAUSE_BREAK.test(text[start]!)) start++;
  let end = start;
  while (end < text.length && !CLAUSE_BREAK.test(text[end]!)) end++;
  return [start, end];
}

function clauseBefore(text: string, to: number): [number, number] {
  let end = to;
  while (end > 0 && CLAUSE_BREAK.test(text[end - 1]!)) end--;
  let start = end;
  while (start > 0 && !CLAUSE_BREAK.test(text[start - 1]!)) start--;
  return [start, end];
}

function isReasonOrWish(clause: string): boolean {
  if (clause === '' || clause.length > MAX_REASON) return false;
  if (REASON.test(clause)) return true;
  const wish = CONFIDENTIAL.exec(clause);
  return wish !== null && wish.index === 0 && wish[0].length + (WISH_TAIL.exec(clause.slice(wish[0].length))?.[0].length ?? 0) === clause.length;
}

/**
 * The whole of the wish, so that cutting it leaves clean text: the words that finish it (是我反映的) and
 * the clauses next to it that give its reason (他们会刁难) or say it again (请保密).
 */
function wholeWish(text: string, matchStart: number, matchEnd: number): { start: number; end: number } {
  let start = matchStart;
  let end = matchEnd + (WISH_TAIL.exec(text.slice(matchEnd))?.[0].length ?? 0);
  for (;;) {
    const [nextStart, nextEnd] = clauseAfter(text, end);
    if (nextStart === end || !isReasonOrWish(text.slice(nextStart, nextEnd))) break;
    end = nextEnd;
  }
  for (;;) {
    const [previousStart, previousEnd] = clauseBefore(text, start);
    if (previousEnd === start || !isReasonOrWish(text.slice(previousStart, previousEnd))) break;
    start = previousStart;
  }
  return { start, end };
}

/** true: keep my identity confidential; false: no need; undefined: not said. */
export function findConfidential(text: string, opts: FindConfidentialOptions = {}): boolean | undefined {
  return locateConfidentialIn(normaliseForMatching(text), opts)?.confidential;
}
