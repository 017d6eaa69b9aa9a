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
}

export interface ConsultInput {
  question: string;
  at: string;
}

/** The state of one consultation: what was asked and which answers are left to offer. */
export interface Consultation {
  question: string;
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
      data: { sources: [{ id: hit.id, title: hit.title, source: hit.source, effectiveFrom: hit.effectiveFrom }], ruleDate: date },
    },
    { kind: 'question', text: copy.helped, options: helpedOptions },
  ];
}
