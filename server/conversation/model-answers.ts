import type { KnowledgeHit } from '../../flows/consult/consult.logic.ts';
import { consultationQuestion } from '../../flows/router/router.machine.ts';

/** Answers the optional model prepared for one question, handed to the turn's `answerQuestion`. */
export interface PreparedAnswers {
  question: string;
  hits: KnowledgeHit[];
}

export interface ModelAnswerDeps {
  knowledge: { answer(question: string, limit?: number): KnowledgeHit[] };
  phraser: { phrase(question: string, candidates: readonly KnowledgeHit[]): Promise<KnowledgeHit[] | undefined> };
}

/** Candidates the model chooses among; the citizen is offered as many as the plain path offers. */
const CANDIDATES = 5;
const OFFERED = 3;

/**
 * Before the turn: when the flow would search the knowledge base for this message, retrieve the
 * candidates and let the model rerank and phrase them. Undefined (the plain path) when the message is
 * not a consultation, retrieval found nothing (the model never answers what retrieval abstained on),
 * or the model's answer was not usable.
 */
export async function prepareModelAnswers(deps: ModelAnswerDeps, snapshot: unknown, text: string, at: Date): Promise<PreparedAnswers | undefined> {
  const question = consultationQuestion(snapshot, text, at.toISOString());
  if (!question) return undefined;
  const candidates = deps.knowledge.answer(question, CANDIDATES);
  if (candidates.length === 0) return undefined;
  const hits = await deps.phraser.phrase(question, candidates);
  return hits ? { question, hits: hits.slice(0, OFFERED) } : undefined;
}
