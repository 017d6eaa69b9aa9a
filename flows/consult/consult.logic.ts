import type { Reply } from '../domain/reply.ts';
import { consultCopy as copy, helpedOptions } from './consult.copy.ts';

/** One knowledge-base entry found for a question, as the server's search returns it. */
export interface KnowledgeHit {
  id: string;
  title: string;
  /** The short answer, written to fit a chat bubble. */
  answer: string;
  source: string;
  /** Date of the rule or page the answer rests on (YYYY-MM-DD). */
  sourceDate?: string;
  effectiveFrom: string;
  confidence: number;
  /** The answer is the optional model's wording of this entry (checked against it), not the entry's own text. */
  phrased?: boolean;
}

export interface ConsultInput {
  question: string;
  at: string;
}

/** The state of one consultation: what was asked and which answers are left to offer. */
export interface Consultation {
  question: string;
  /** The question that started it, when later messages asked again: what a case filed from it tells. */
  firstQuestion?: string;
  hits: KnowledgeHit[];
  /** Index of the answer shown last. */
  shown: number;
  /** Intake was interrupted by the question and resumes afterwards. */
  resumeIntake: boolean;
}

// Things 12345 does not do; answered with what it does instead of a made-up answer.
const OUT_OF_SCOPE = /彩票|中奖号码|写(?:一篇|篇)?作文|写(?:首|一首)?诗|讲个?笑话|推荐(?:个|一部|几部)?电影|电影推荐|股票|算命|星座运势/u;

export function isOutOfScope(text: string): boolean {
  return OUT_OF_SCOPE.test(text);
}

/** The cited answer, then "did this solve it?". */
export function answerReplies(hit: KnowledgeHit, intro?: string): Reply[] {
  const date = hit.sourceDate ?? hit.effectiveFrom;
  const text = [intro, hit.answer, `来源：${hit.source}${copy.ruleDate(date)}`].filter(Boolean).join('\n');
  return [
    {
      kind: 'answer',
      text,
      data: { sources: [{ id: hit.id, title: hit.title, source: hit.source, effectiveFrom: hit.effectiveFrom }], ruleDate: date, ...(hit.phrased ? { phrased: true } : {}) },
    },
    { kind: 'question', text: copy.helped, options: helpedOptions },
  ];
}

// Words a follow-up asks with but that name no topic of their own: what to bring, what it costs,
// where, how long, whether online. A message made only of these (and particles) needs the previous topic.
const FOLLOW_UP_WORDS =
  /需要|需|要|带|准备|提供|什么|啥|哪些|材料|证件|手续|流程|步骤|条件|多少|钱|费用|收费|免费|在哪里?|哪儿|去哪|哪个|地方|地址|窗口|办理?|申请|多久|多长|时间|几天|什么时候|时候|能|可以|可不可以|网上|线上|手机|电话|怎么|怎样|如何|吗|呢|吧|啊|呀|的|了|还|那么|那|另外|然后|如果|是不是|是否|有没有|有|没有|我|自己|本人|一下|请问/gu;
// A follow-up that opens by leaning on what was just said ("那…", "还…").
const LEANS_ON_CONTEXT = /^(?:那|那么|还|另外|然后)/u;
const MAX_LEANING_CHARS = 12;

const letters = (text: string) => text.replace(/[\s\p{P}\p{S}]/gu, '');

/** "多少钱？", "在哪办？", "那需要带什么材料？": nothing to search on without the previous topic. */
export function isElliptical(text: string): boolean {
  const own = letters(text.replace(FOLLOW_UP_WORDS, ''));
  return Array.from(own).length <= 1 || (LEANS_ON_CONTEXT.test(text.trim()) && Array.from(letters(text)).length <= MAX_LEANING_CHARS);
}

// "That was not it" before a question said again: 没解决 我问的是电动车上牌 不是共享单车.
const NOT_IT = /^(?:没解决|没有解决|不对|不是这个|不是这样|答非所问|没用|不是)[，,。！!\s]*/u;
const I_ASKED = /^(?:我问的是|我是问|我想问的是|我要问的是|我说的是)[：:，,\s]*/u;
// What the citizen did not ask about, said to correct the answer; searching it would find that answer again.
const NOT_THAT = /[，,。\s]*(?:而)?不是[^，,。？?]*[。.!！]?$/u;

/** A question said again after a wrong answer, less the feedback and what it was not about. */
export function restatedQuestion(text: string): string {
  const core = text.trim().replace(NOT_IT, '').replace(I_ASKED, '');
  const without = core.replace(NOT_THAT, '').trim();
  return without.length >= 2 ? without : core || text.trim();
}

/**
 * The question to search for a message sent after a consultation. An elliptical follow-up is read
 * with the topic of what was answered: the title of the entry shown (a topic in the base's own words,
 * which retrieval matches best), or the previous question when nothing was answered.
 */
export function followUpQuestion(previous: Consultation | undefined, text: string): string {
  const trimmed = restatedQuestion(text);
  if (!previous || !isElliptical(trimmed)) return trimmed;
  const topic = previous.hits[previous.shown]?.title ?? previous.question;
  return `${topic} ${trimmed}`;
}

// A clause that only tells about the asker (我妈75了一个人住, 我们在丰台方庄, 在朝阳上班): it helps a
// person on the phone, but to the search it is words no entry holds, and it drowns the question.
const ABOUT_THE_ASKER =
  /\d+\s*(?:岁|了)|[一二三四五六七八九十]+岁|今年|一个人住|独居|老家|腿脚|身体不好|行动不便|(?:我|我们|咱|咱们|家)(?:住|在)|住在|在.{1,8}(?:上班|工作|打工|住)/u;
const QUESTION_CLAUSE = /怎么|怎样|如何|咋|吗|么|什么|啥|哪|多少|能不能|可不可以|可以|是否|有没有|要不要|需不需要|[?？]/u;
// Words that ask or point without naming anything: 能不能给弄一个 names no topic (it matched 异地就医 once).
const FRAME_WORDS = /给|弄|搞|整|办|一个|一下|个|点|些|这|那|都|还|就|呢|啊|吧/gu;
const TOPIC_MIN_CHARS = 3;

/** Whether a narrower question still names something to look up, beyond the words that ask. */
function namesATopic(question: string): boolean {
  const own = letters(question.replace(FOLLOW_UP_WORDS, '').replace(FRAME_WORDS, ''));
  return Array.from(own).length >= TOPIC_MIN_CHARS;
}
const CLAUSE_BREAK = /[\s，,。；;！!？?、]+/u;

/**
 * Narrower questions to search when the whole message finds nothing sure: first without the clauses
 * that only tell about the asker or name a place, then only the clauses that ask. Each is returned only
 * when it differs from the one before and still names a topic of its own.
 */
export function narrowerQuestions(text: string, namesPlace: (clause: string) => boolean): string[] {
  const clauses = text.split(CLAUSE_BREAK).filter((c) => c.length > 0);
  if (clauses.length < 2) return [];
  const variants: string[] = [];
  const add = (kept: string[]) => {
    const question = kept.join(' ');
    if (question.length > 0 && question !== text.trim() && !variants.includes(question) && namesATopic(question)) variants.push(question);
  };
  const topical = clauses.filter((c) => QUESTION_CLAUSE.test(c) || (!ABOUT_THE_ASKER.test(c) && !namesPlace(c)));
  add(topical);
  add(topical.filter((c) => QUESTION_CLAUSE.test(c)));
  return variants;
}
