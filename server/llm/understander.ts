import { zodResponseFormat } from 'openai/helpers/zod';
import type { Logger } from '../logger.ts';
import { llmAnswerReader, llmAnswerSchema, type LlmHints } from './hints.ts';
import { buildMessages, type UnderstandContext } from './prompt.ts';
import { hintsFromAnswer } from './validate-hints.ts';
import { createStructuredCaller } from './structured-call.ts';

export { DEFAULT_LLM_TIMEOUT_MS } from './structured-call.ts';

export { LlmHints } from './hints.ts';
export type { UnderstandContext } from './prompt.ts';

export interface LlmUnderstanderOptions {
  apiKey: string;
  /** Any OpenAI-compatible server (an on-premises model); the OpenAI API when absent. */
  baseUrl?: string;
  model: string;
  /** The whole call, connection to parsed answer, is abandoned after this long. */
  timeoutMs?: number;
  logger: Logger;
}

export interface LlmUnderstander {
  /**
   * Hints about one citizen message, validated against our own lists, or undefined when the model
   * could not help in time. Never throws, never outlasts the time limit: the caller's rules decide.
   */
  understand(text: string, context?: UnderstandContext): Promise<LlmHints | undefined>;
}

const RESPONSE_FORMAT = zodResponseFormat(llmAnswerSchema, 'citizen_message_hints');

export function createLlmUnderstander(options: LlmUnderstanderOptions): LlmUnderstander {
  const { logger } = options;
  const caller = createStructuredCaller(options);
  const model = caller.model;

  return {
    async understand(text, context = {}) {
      if (!text.trim()) return undefined;
      const { elapsedMs: ms, ...outcome } = await caller.call(buildMessages(text, context), RESPONSE_FORMAT, llmAnswerReader);
      if ('value' in outcome) {
        const knownDistrict = typeof context.known?.district === 'string' ? context.known.district : undefined;
        const hints = hintsFromAnswer(outcome.value, text, { knownDistrict });
        logger.debug({ model, ms, fields: hints ? Object.keys(hints) : [] }, 'llm hints');
        return hints;
      }
      // Never the citizen's text or the model's; the reason, the status, the time.
      logger.warn({ model, ms, ...outcome }, 'llm understanding failed; using the rules alone');
      return undefined;
    },
  };
}
