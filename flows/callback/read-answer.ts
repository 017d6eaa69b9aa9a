/**
 * Reading the citizen's answers to the satisfaction callback (回访): was I contacted, is it solved, how
 * satisfied am I. Keyword rules on folded text, pure and fast.
 *
 * Precision comes first: a slot the bot still has to ask about costs one more question, a slot read
 * wrongly files a false satisfaction record. So every doubt (a question, a wish, hearsay, two readings
 * that disagree without a "but" between them) leaves the slot unread.
 */
import { normaliseForMatching } from '../domain/understand/fold.ts';

export type CallbackSlot = 'contacted' | 'resolved' | 'satisfaction';
export type Satisfaction = '满意' | '基本满意' | '不满意';
export interface CallbackAnswers {
  contacted?: boolean;
  resolved?: boolean;
  satisfaction?: Satisfaction;
}

export const CALLBACK_OPTIONS: Record<CallbackSlot, Array<{ label: string; value: string }>> = {
  contacted: [
    { label: '联系过了', value: 'yes' },
    { label: '没有联系', value: 'no' },
  ],
  resolved: [
    { label: '已解决', value: 'yes' },
    { label: '没解决', value: 'no' },
  ],
  satisfaction: [
    { label: '满意', value: '满意' },
    { label: '基本满意', value: '基本满意' },
    { label: '不满意', value: '不满意' },
  ],
};

const SLOTS: readonly CallbackSlot[] = ['contacted', 'resolved', 'satisfaction'];

/** The questions still to ask, in the order the callback asks them. */
export function missingSlots(answers: CallbackAnswers): CallbackSlot[] {
  return SLOTS.filter((slot) => answers[slot] === undefined);
}

// ---------------------------------------------------------------------------------------------------
// Folding

// Traditional characters of callback answers that fold.ts does not cover (it serves intake). One code
// unit to one, like fold.ts; 覆 folds too because 回覆 is how traditional writers spell 回复.
const EXTRA_PAIRS = '決决變变復复覆复強强極极積积較较並并當当湊凑靜静別别徹彻諉诿評评訪访親亲帶带維维語语譜谱爛烂況况須须趕赶緊紧圓圆暫暂暢畅擇择項项撥拨蠻蛮麽么絕绝';
let extraMap: Map<string, string> | undefined;

function extraToSimplified(): Map<string, string> {
  if (extraMap) return extraMap;
  extraMap = new Map();
  for (let i = 0; i + 1 < EXTRA_PAIRS.length; i += 2) extraMap.set(EXTRA_PAIRS[i]!, EXTRA_PAIRS[i + 1]!);
  return extraMap;
}

const WECHAT_STICKER = /\[[^[\]]{1,6}\]/g;

function fold(text: string): string {
  const map = extraToSimplified();
  let out = '';
  for (const ch of normaliseForMatching(text)) out += map.get(ch) ?? ch;
  return out.toLowerCase().replace(WECHAT_STICKER, ' ');
}

// ---------------------------------------------------------------------------------------------------
// Clauses and their moods

const CLAUSE_BREAK = /(?:[\s\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0f)+/gu;
// Conjunctions start a new clause even without a comma (联系了但是没解决), so a question or a wish in one
// half does not silence the other half.
const SOFT_BREAK = /但是|但(?!愿)|不过|可是|然而|而且|并且|所以|因为|然后|后来/g;

interface Clause {
  text: string;
  start: number;
  /** Ends in 吗, ?, or asks why: an affirmation here is not a statement (解决了吗？). */
  question: boolean;
}

function splitClauses(text: string): Clause[] {
  const pieces: Array<{ text: string; start: number; tail: string }> = [];
  let last = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    if (m.index > last) pieces.push({ text: text.slice(last, m.index), start: last, tail: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), start: last, tail: '' });

  const clauses: Clause[] = [];
  for (const piece of pieces) {
    const cuts = [0];
    for (const m of piece.text.matchAll(SOFT_BREAK)) if (m.index > 0) cuts.push(m.index);
    cuts.push(piece.text.length);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const from = cuts[i]!;
      const to = cuts[i + 1]!;
      if (to <= from) continue;
      const part = piece.text.slice(from, to);
      const isLast = i + 2 === cuts.length;
      clauses.push({ text: part, start: piece.start + from, question: QUESTION.test(part) || (isLast && /[?？]/.test(piece.tail)) });
    }
  }
  return clauses;
}

// Conditions, wishes, hedges, open questions and what is still to come: nothing in such a clause is an
// answer (希望尽快解决, 如果早点来就好了, 有没有人联系, 应该是修好了吧, 说明天来修).
const HYPOTHETICAL =
  /如果|要是|假如|假设|万一|的话|只要|除非|希望|盼望|期待|期望|请|麻烦你|能否|可否|尽快|赶紧|赶快|早点|早日|应当|应该|需要|要求|必须|建议|打算|准备|是否|有没有|是不是|能不能|可不可以|要不要|会不会|什么时候|啥时候|何时|(?<!没)多久|(?<!没)多长时间|好像|似乎|可能|也许|大概|估计|不知道|不清楚|不确定|要来|会来|明天|后天|下周|下个月|改天|约了|约好|再来|再过来|再上门/;
// X不X / X没X asks rather than tells (修没修, 满不满意, 来没来).
const A_NOT_A = /([\u4e00-\u9fff])(?:没有?|不)\1/;
const QUESTION = /吗|么$|难道|为什么|为啥|凭什么|怎么(?:还|又|就|能)|咋(?:还|又)|了没(?:有)?[啊呀呢吧]*$/;
// The citizen was the one calling (联系了好几次都没人接): who contacted whom is unclear.
const CITIZEN_TRIED = /没人接|无人接听|打不通|占线|不接电话/;
// Hearsay before an affirmation (他们说已经修好了) is their claim, not the citizen's answer.
const REPORTED = /说(?!明)|称(?!赞)|以为|据说|听说|显示|标着|标记|写着/;
// Ways of speaking that are not hearsay: 说实话, 整体来说.
const NOT_HEARSAY = /说实话|说真的|老实说|实话说|(?:总的|整体|总体|相对|对我|总)来说/g;
// About how things were before (之前没人管): superseded, unless it affirms something that happened.
const PAST = /之前|以前|原来|本来|起初|一开始|刚开始|开始的时候|当初|当时|早先|先前/;
// A part of the problem, or for now only: neither solved nor unsolved.
const PARTIAL = /部分|一半|一些|有些|有的|基本|差不多|暂时|临时|一点点|稍微|好点|好一点|有所/;
// The citizen moves on to something else; whatever follows describes a new problem.
const NEW_TOPIC =
  /另(?:外)?(?:一)?(?:个|件)(?:问题|事)|另一回事|还有(?:一)?(?:个|件)(?:问题|事)|还想(?:反映|投诉|问|咨询|举报)|还要(?:反映|投诉|举报)|再反映|顺便(?:问|反映|说)|另外(?:想|要)?(?:反映|投诉|问|说)|新的问题|我说的是|我问的是|我是说/;
// When two readings of one slot disagree, the later one stands only after one of these.
const TURN = /但|不过|可是|然而|只是|就是|后来|现在|目前|结果|最后|终于|又|其实|实际上|事实上|没想到|谁知|哪知|可惜/;

// ---------------------------------------------------------------------------------------------------
// Rules

// Words that may stand between a negator and what it negates: 没(有人)(给我)修, 还没(有彻底)解决.
const FILLER =
  '(?:任何人|有人|人|给我们?|跟我们?|和我们?|帮我们?|替我们?|把(?:问题|事情|这事|垃圾)?|给|过|再|还|也|都|就|已经|已|真正|真的|彻底|完全|根本|并|太|很|全|能|得到|被|曾经|曾|怎么|咋|那么|这么|一点儿?|什么|啥|任何|一直|从来|始终|至今|到现在|来|去|及时|好好|认真|有效|进行|予以|帮忙)';
const FILLERS = `${FILLER}{0,3}`;
const NEGATOR = '(?:没有|没|未|不是|不|无|别|并非|无法|没法|没办法|不能|未能|没能|谈不上|说不上|算不上)';
const NEGATED_TAIL = new RegExp(`${NEGATOR}${FILLER}{0,4}$`);
// Negators that start a "did not do it" phrase.
const NOT_DONE = '(?:没有|没|未|未能|没能|无法|没法|没办法|不能|尚未|从未|从没|不曾)';
// Only particles may follow: 还行吧, 挺好的.
const END = '(?=[的了吧啦啊呀哈嘛哦喔呢哇咯噢嗯~]*$)';
// The citizen, not the unit, did it: 我打了好几次电话, 我给他们打过电话. 给我/跟我 make 我 the object.
const CITIZEN_ACTS =
  /(?:^|[^给跟和与找叫帮让替向对])我们?(?:又|也|都|已经|还|再|自己|主动|多次|好几次|一直|去|给(?:他们|街道|社区|物业|居委会|你们|12345|热线)|跟(?:他们|街道|社区|物业|你们)|和(?:他们|街道|社区|物业|你们))*$/;
const FIX_VERB =
  '(?:解决|维修|修(?!改)|处理|整改|清理|清走|清运|清(?!楚|晰)|拉走|运走|弄好|弄(?!清|明白|懂)|搞定|搞(?!清|明白|懂)|办(?!法)|落实|改(?!天|口)|治理|拆)';

interface Rule {
  re: RegExp;
  reads: CallbackAnswers;
  /** The reading after a negator (没有修好 → not resolved); absent: a negated match says nothing. */
  negated?: CallbackAnswers;
  /** States that something happened or pleases: not an answer inside a question or hearsay. */
  affirms?: boolean;
  /** Praise that does not name satisfaction (挺好的, 态度不错): yields to explicit words and to "not solved". */
  weak?: boolean;
  /** Something the unit does: not read when the citizen is the one doing it. */
  byUnit?: boolean;
  notAfter?: RegExp;
}

const rule = (source: string, reads: CallbackAnswers, more: Omit<Rule, 're' | 'reads'> = {}): Rule => ({
  re: new RegExp(source, 'g'),
  reads,
  ...more,
});

const NOBODY_CAME: CallbackAnswers = { contacted: false, resolved: false };
const NOT_CONTACTED: CallbackAnswers = { contacted: false };
const CONTACTED: CallbackAnswers = { contacted: true };
const NOT_RESOLVED: CallbackAnswers = { resolved: false };
const RESOLVED: CallbackAnswers = { resolved: true };

// Order matters: an earlier rule claims its words for its slots, so 没有解决 is read before 解决,
// 基本满意 before 满意 and 不满意 before 满意.
const RULES: Rule[] = [
  // Nobody came or cared: neither contacted nor solved.
  rule('(?:没有?|无)(?:任何)?人(?:来|去|过来|出面)?(?:管|过问|问津|理会|搭理|理睬|理(?!解))', NOBODY_CAME),
  rule('不闻不问|置之不理|无人问津|不理不睬|爱答不理|没人当(?:一)?回事', NOBODY_CAME),
  rule(
    '(?:没有?|无)(?:任何)?人(?:给我|跟我|和我|与我)?(?:联系|联络|打(?:过)?电话|来(?:过)?电话|回(?:过)?电话|回电|回复|答复|通知|找(?:过)?我|问(?:过)?我|回应|反馈)',
    NOT_CONTACTED,
  ),
  rule('(?:没有?|无)(?:任何)?人(?:来|上门|过来|到场|到现场|露面|露过面)(?!电话|电)', NOBODY_CAME),
  rule('没(?:有)?来(?:过)?人|人(?:影)?(?:都|也)没(?:有)?(?:来|上门|过来)', NOBODY_CAME),
  rule(
    '连(?:个|一个)?(?:电话|人影|人|面|消息|回复|回音|短信|信儿?)(?:都|也)(?:没|不)|(?:一个|个)?电话(?:都|也)没|(?:人影|人|面)(?:都|也)没(?:有)?(?:见|看)',
    NOT_CONTACTED,
  ),
  rule(`${NOT_DONE}${FILLERS}(?:联系|联络)`, NOT_CONTACTED),
  rule(
    `${NOT_DONE}${FILLERS}(?:接到|收到|接过|等到)(?:过)?(?:(?:任何|他们的?|一个|个|工作人员的?|街道的?|社区的?|物业的?|单位的?)?(?:电话|来电|通知|联系|短信|回复|答复|回访|消息)|${END})`,
    NOT_CONTACTED,
  ),
  rule(`${NOT_DONE}${FILLERS}(?:见到|看到|见过|见着|看见)(?:过)?(?:任何)?(?:人|工作人员|人影|师傅|他们)`, NOT_CONTACTED),
  rule('石沉大海|杳无音信|音讯全无|没有?(?:任何)?(?:音信|回音|回信|反馈|消息|回复|答复|回应|通知)', NOT_CONTACTED),

  // The unit got in touch.
  rule(
    '联系(?:过|了|上)(?!方式)|已(?:经)?(?:和我|跟我|与我)?联系|有(?:人)?(?:跟我|和我|与我|给我)?联系(?!方式)|联系(?:过)?我(?:了|的|过)|联络(?:过|了)',
    CONTACTED,
    { negated: NOT_CONTACTED, affirms: true, byUnit: true },
  ),
  // 打电话给我吧 asks for a call; only a call that happened (打过电话, 打电话来说) is an answer.
  rule('(?:打|来|回|通|拨)(?:(?:过|了)(?:一|两|几|好几|很多)?(?:个|次|通)?电话|电话(?=了|过|来|说|讲|问|告诉|通知|沟通|联系|核实|确认|了解|解释))', CONTACTED, {
    negated: NOT_CONTACTED,
    affirms: true,
    byUnit: true,
  }),
  rule('(?:接到|收到|接过)(?:了|过)?.{0,8}?(?:电话|来电|通知|短信|回复|答复)|来电(?:了|话)', CONTACTED, {
    negated: NOT_CONTACTED,
    affirms: true,
  }),
  rule('上门(?!服务)', CONTACTED, { negated: NOT_CONTACTED, affirms: true, byUnit: true }),
  rule(
    `来(?:了|过)人|来人(?:了|看|查看|处理|修|核实|检查|调查|勘察)|有人(?:来|过来|上门)(?:过|了|看|查看|看看|处理|修|现场|核实|调查|联系)|人(?:来|过来)(?:了|过)|(?:来|过来)(?:看|查看|看看|现场|核实|调查|勘察|了解情况|修|维修|处理)(?:过|了)|来(?:倒)?是来了|亲自(?:来|过来|上门)|到(?:了|过)?现场|现场(?:看|查看|核实|勘察|处理)(?:过|了)|^(?:他们|工作人员|师傅|人家)?(?:来|过来)(?:过|了)+${END}`,
    CONTACTED,
    { negated: NOT_CONTACTED, affirms: true, byUnit: true, notAfter: /(?:又|再|我们?)$/ },
  ),
  rule(
    '电话(?:里|中|上)(?:说|讲|告诉|解释|沟通|回复|答复)|找(?:过|了)?我(?:了|谈|聊|沟通|核实|了解|说明)|(?:和|跟|与|给)我(?:们)?(?:沟通|核实|说明|解释|确认|反馈|打招呼)(?:过|了)?|见(?:过|到|着)(?:了)?(?:工作人员|人|面|师傅|他们)|(?:回复|答复|反馈|回电)(?:了|过)|给(?:了)?(?:我)?(?:回复|答复|反馈|说法)|(?:发|来)(?:了|过)?短信',
    CONTACTED,
    { negated: NOT_CONTACTED, affirms: true, byUnit: true },
  ),

  // Not solved.
  rule('解决不了|解决不到|解决不掉|修不好|修不了|弄不好|搞不定|处理不了|处理不好|办不了|管不了|治不了', NOT_RESOLVED),
  rule(`${NOT_DONE}${FILLERS}${FIX_VERB}`, NOT_RESOLVED),
  rule('不(?:给|予|肯|愿|去|来)?(?:解决|处理|修|整改|落实|维修|治理)', NOT_RESOLVED),
  rule(
    '老样子|依旧|(?:一点|任何|什么)(?:变化|改变|改善|效果|用)(?:都|也)没(?:有)?|还是(?:很|那么|这么|特别|非常|一样)(?:大|吵|响|臭|脏|乱|堵|严重|多)|(?:谁|哪个部门|哪个单位|哪儿)(?:都|也)不管|依然如故|照旧|原样|(?:问题|情况|现象|噪音|味道|臭味|垃圾|水)(?:还在|仍在|依然|依旧|仍然|还存在|仍然存在)|还(?:是|在)(?:那样|一样|老样子|坏|不行|不通|没|吵|漏|堵|响|臭|有|存在|堆着|坏着)|(?:跟|和|与)(?:以前|原来|之前)一样|一点(?:都|也|儿)?没变|毫无(?:变化|改变|改善|效果)|没(?:有)?(?:任何|什么|啥|一点|一点儿)?(?:变化|改变|改善|改观|进展|效果|动静|结果|下文|用处|作用)|一点用(?:都|也)?没有|没(?:有)?(?:什么|啥)?用(?!过|心)|又(?:坏|开始|吵|漏|堵|响|臭|出现|犯)|还坏着|不了了之|(?:解决|处理|修|弄|办)(?:了)?个(?:屁|啥|什么|鬼|寂寞|锤子|毛线)|不见(?:好转|效果|改善)',
    NOT_RESOLVED,
  ),
  rule(`没(?:有)?(?:完全|彻底)?好${END}|还没(?:有)?好`, NOT_RESOLVED),

  // Solved.
  rule(
    `解决(?:了|啦|好|掉|完)|已(?:经)?${FILLERS}解决|得到(?:了)?(?:妥善|圆满|彻底|有效|及时)?解决|(?:圆满|彻底|妥善|顺利)(?:地)?解决|解决得(?:很|挺|非常|比较)?(?:好|不错|及时|彻底)`,
    RESOLVED,
    { negated: NOT_RESOLVED, affirms: true },
  ),
  rule(
    `修(?:好|复|完|上|通|理好)|维修(?:好|完)|修理(?:好|完)|(?:弄|搞|改)好|搞定|处理(?:好|完|掉|了|妥)|已(?:经)?${FILLERS}处理|清(?:走|掉|完|干净|理(?:了|干净|完|掉)|运(?:走|了))|(?:拉|运|收|搬|挪)走|拆(?:了|掉|除)|整改(?:了|好|完)|恢复(?:了|正常)|(?<![电话打])(?:通|亮)了|疏通|办(?:好|完|妥)|落实了`,
    RESOLVED,
    { negated: NOT_RESOLVED, affirms: true },
  ),
  rule(
    '(?:现在|已经|早就|都|全|终于|总算|彻底|已)(?:都|全)?好了|(?:现在|已经|目前|都)(?:已经)?(?:没(?:有)?(?:问题|事)了|正常了)|不(?:再)?(?:吵|响|漏水?|臭|堵|闹|乱|脏|冒烟|积水)了|没(?:有)?再(?:吵|响|漏水?|臭|堵|闹|冒烟|积水|坏)(?:过)?了|(?:安静|干净|正常|畅通|通畅|清净)了',
    RESOLVED,
    { negated: NOT_RESOLVED, affirms: true },
  ),

  // Satisfaction, the hedged middle first, then the negative, then the plain word.
  rule('基本(?:上)?满意|还算(?:是)?满意|算(?:是)?满意|比较满意|较为满意|勉强(?:算)?满意|大体(?:上)?满意', { satisfaction: '基本满意' }, { affirms: true }),
  rule(`(?:也|倒也|倒还)?还(?:算)?(?:行|可以|凑合|过得去|说得过去)${END}|凑合${END}|马马虎虎|一般般|过得去${END}|说得过去${END}`, { satisfaction: '基本满意' }, { affirms: true }),
  rule(`^(?:感觉|觉得|总体|整体|总的来说)?(?:还|算|也就|就)?一般${END}`, { satisfaction: '基本满意' }, { affirms: true }),
  rule(
    '(?:不|没有|没|谈不上|说不上|算不上)(?:太|很|怎么|是很|是太|是特别|是非常|是那么|是|大|够|甚|那么|咋|算|特别|十分|完全|一点儿?(?:都|也)|太过)?满意(?!度)',
    { satisfaction: '不满意' },
  ),
  rule(
    '满意个(?:屁|鬼|锤子|毛线)|不满(?!意)|差评|失望|差劲|糟糕|(?:太|很|非常|特别|真|极|超|挺|极其)差(?!不多|点)|(?:太|很)烂|敷衍|推诿|推脱|推来推去|踢皮球|糊弄|不作为|不负责|不靠谱|态度(?:也|太|很|极|非常|特别|真)?(?:恶劣|不好|不行|蛮横|差)|很生气|气死|气人|寒心|心寒|无语',
    { satisfaction: '不满意' },
  ),
  rule('满意(?!度)', { satisfaction: '满意' }, { affirms: true }),
  rule(
    `(?:挺|很|蛮|非常|特别|真|相当|都|太|超|十分)好(?:的|了|啊|呀)?${END}|不错${END}|好评|点赞|点个赞|(?:很|挺|非常|特别|真|蛮|相当|十分)(?:负责|认真|及时|热情|耐心|专业|到位|给力|棒)|没得说|没话说|无可挑剔|给力`,
    { satisfaction: '满意' },
    { affirms: true, weak: true },
  ),
];

// ---------------------------------------------------------------------------------------------------
// Bare answers: taps and one-word replies

type Bare =
  | { kind: 'yes' | 'no' | 'polite' }
  | { kind: 'option'; n: number }
  | { kind: 'value'; slot: CallbackSlot; value: string; onlyWhenAsked: boolean };

const YES = new Set(['是', '是的', '是啊', '是呀', '是滴', '对', '对的', '对啊', '对头', '有', '有的', '有过', '有啊', '有滴', '嗯', '嗯嗯', '恩', '恩恩', '没错', '确实', '确实是', 'yes', 'y']);
const NO = new Set(['否', '不是', '不是的', '没有', '没', '没有的', '没呢', '还没', '还没有', '没有呢', '不', '不对', '无', 'no', 'n', '木有', '并没有', '没有过', '从来没有', '一直没有', '都没有']);
const POLITE = new Set(['谢谢', '谢谢你', '谢谢你们', '谢谢您', '谢了', '多谢', '感谢', '辛苦了', '辛苦', '麻烦了', '好的', '好', 'ok', 'okay', '收到']);
// One-word replies that answer only the question just asked: 来过了 to "did they contact you?".
const SLOT_WORDS: Record<CallbackSlot, { yes: string[]; no: string[] }> = {
  contacted: {
    yes: ['来了', '来过', '来过了', '联系了', '联系过', '有联系', '打了', '打过', '打过了', '接到了', '接到过', '收到了', '见过', '见到了', '上门了'],
    no: ['没来', '没来过', '没联系', '没打', '没打过', '没接到', '没收到', '没见过', '没见到', '没上门'],
  },
  resolved: {
    yes: ['好了', '解决了', '解决', '修好了', '处理好了', '处理了', '弄好了'],
    no: ['没好', '还没好', '未解决', '没处理', '没修'],
  },
  satisfaction: { yes: [], no: [] },
};
const OPTION_NUMBER = /^(?:选|选择|选项|我选|就选)?第?([1-9一二三①②③])(?:个|项|号|条|个选项)?$/;
const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, '①': 1, '②': 2, '③': 3 };
const TRAILING_PARTICLES = /[吧呢啊呀哈嘛哦喔啦哇咯噢~]+$/;
const LEADING_ADVERBS = /^(?:已经|都|确实|真的|早就|也)/;

function bareAnswer(clause: string): Bare | undefined {
  const stripped = clause.replace(TRAILING_PARTICLES, '');
  for (const form of new Set([clause, stripped, stripped.replace(LEADING_ADVERBS, '')])) {
    if (form === '') continue;
    if (YES.has(form)) return { kind: 'yes' };
    if (NO.has(form)) return { kind: 'no' };
    if (POLITE.has(form)) return { kind: 'polite' };
    const number = OPTION_NUMBER.exec(form)?.[1];
    if (number) return { kind: 'option', n: NUMERALS[number] ?? Number(number) };
    for (const slot of SLOTS) {
      const option = CALLBACK_OPTIONS[slot].find((o) => o.label === form);
      if (option) return { kind: 'value', slot, value: option.value, onlyWhenAsked: false };
      if (SLOT_WORDS[slot].yes.includes(form)) return { kind: 'value', slot, value: 'yes', onlyWhenAsked: true };
      if (SLOT_WORDS[slot].no.includes(form)) return { kind: 'value', slot, value: 'no', onlyWhenAsked: true };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Reading

type Value = boolean | Satisfaction;

interface Hit {
  value: Value;
  start: number;
  end: number;
  weak: boolean;
  /** A bare 是 / 嗯: yields to anything said in words. */
  loose: boolean;
}

function optionValue(slot: CallbackSlot, value: string): Value {
  if (slot === 'satisfaction') return value as Satisfaction;
  return value === 'yes';
}

function yesNoValue(slot: CallbackSlot, yes: boolean): Value {
  if (slot === 'satisfaction') return yes ? '满意' : '不满意';
  return yes;
}

function readRules(clause: Clause, hits: Record<CallbackSlot, Hit[]>): void {
  const { text } = clause;
  const past = PAST.test(text);
  const partial = PARTIAL.test(text);
  const citizenTried = CITIZEN_TRIED.test(text);
  const claimed: Record<CallbackSlot, Array<[number, number]>> = { contacted: [], resolved: [], satisfaction: [] };

  for (const r of RULES) {
    const slots = SLOTS.filter((slot) => r.reads[slot] !== undefined);
    for (const m of text.matchAll(r.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (slots.every((slot) => claimed[slot].some(([s, e]) => start < e && s < end))) continue;
      const prefix = text.slice(0, start);
      if (r.notAfter?.test(prefix)) continue;
      for (const slot of slots) claimed[slot].push([start, end]);

      const negated = NEGATED_TAIL.test(prefix);
      const reading = negated ? r.negated : r.reads;
      if (!reading) continue;
      const affirms = r.affirms === true && !negated;
      if (affirms && (clause.question || REPORTED.test(prefix.replace(NOT_HEARSAY, '')))) continue;
      if (affirms && r.byUnit && (CITIZEN_ACTS.test(prefix) || citizenTried)) continue;
      if (!affirms && past) continue;

      for (const slot of SLOTS) {
        const value = reading[slot];
        if (value === undefined) continue;
        if (slot === 'resolved' && partial) continue;
        hits[slot].push({ value, start: clause.start + start, end: clause.start + end, weak: r.weak === true, loose: false });
      }
    }
  }
}

/** One value from several readings of a slot, or undefined when they disagree without a "but". */
function settle(found: Hit[], text: string): Value | undefined {
  let hits = found;
  if (hits.some((h) => !h.loose)) hits = hits.filter((h) => !h.loose);
  if (hits.some((h) => !h.weak)) hits = hits.filter((h) => !h.weak);
  hits = [...hits].sort((a, b) => a.start - b.start);
  const last = hits.at(-1);
  if (!last) return undefined;
  const lastDiffering = hits.findLast((h) => h.value !== last.value);
  if (!lastDiffering) return last.value;
  return TURN.test(text.slice(lastDiffering.end, last.end)) ? last.value : undefined;
}

/**
 * What one message says about the callback questions. `asking` is the slot just asked: a bare
 * 是/对/有/嗯/没有/否/不是, an option number ("1", "2", "3", "１", "第二个") or an option label fills that slot;
 * free text may fill any slot, several at once. `comment` is the message itself when it says more than
 * a bare option/yes/no (kept as the citizen's comment), otherwise undefined.
 */
export function readCallbackAnswer(
  text: string,
  asking: CallbackSlot | undefined,
): { answers: CallbackAnswers; comment?: string } {
  const folded = fold(text);
  const clauses = splitClauses(folded);
  const bare = clauses.map((c) => bareAnswer(c.text));
  const comment = text.trim() !== '' && bare.some((b) => b === undefined) ? text.trim() : undefined;

  const hits: Record<CallbackSlot, Hit[]> = { contacted: [], resolved: [], satisfaction: [] };
  const newTopicAt = clauses.findIndex((c) => NEW_TOPIC.test(c.text));
  const readable = newTopicAt === -1 ? clauses : clauses.slice(0, newTopicAt);
  for (const clause of readable) {
    if (HYPOTHETICAL.test(clause.text) || A_NOT_A.test(clause.text)) continue;
    readRules(clause, hits);
  }

  // Taps and one-word replies. Only the first clause past any politeness answers the question asked
  // (好的，是的 / 是的，但是没解决); a message that turns to another matter (不是，我说的是…) answers
  // nothing this way.
  if (newTopicAt === -1) {
    const first = bare.findIndex((b) => b?.kind !== 'polite');
    bare.forEach((b, i) => {
      const clause = clauses[i]!;
      const at = { start: clause.start, end: clause.start + clause.text.length, weak: false };
      if (b?.kind === 'value' && (!b.onlyWhenAsked || (b.slot === asking && i === first))) {
        hits[b.slot].push({ ...at, value: optionValue(b.slot, b.value), loose: false });
      }
      if (!asking || i !== first) return;
      if (b?.kind === 'option') {
        const option = CALLBACK_OPTIONS[asking][b.n - 1];
        if (option) hits[asking].push({ ...at, value: optionValue(asking, option.value), loose: false });
      } else if (b?.kind === 'yes' || b?.kind === 'no') {
        hits[asking].push({ ...at, value: yesNoValue(asking, b.kind === 'yes'), loose: true });
      }
    });
  }

  const answers: CallbackAnswers = {};
  const contacted = settle(hits.contacted, folded);
  const resolved = settle(hits.resolved, folded);
  if (typeof contacted === 'boolean') answers.contacted = contacted;
  if (typeof resolved === 'boolean') answers.resolved = resolved;
  // Kind words about the staff are not satisfaction with a problem that is still there.
  const satisfactionHits = resolved === false ? hits.satisfaction.filter((h) => !h.weak) : hits.satisfaction;
  const satisfaction = settle(satisfactionHits, folded);
  if (typeof satisfaction === 'string') answers.satisfaction = satisfaction;
  return comment === undefined ? { answers } : { answers, comment };
}
