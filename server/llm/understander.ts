import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { Logger } from '../logger.ts';
import { llmAnswerReader, llmAnswerSchema, type LlmHints } from './hints.ts';
import { buildMessages, type UnderstandContext } from './prompt.ts';
import { hintsFromAnswer } from './validate-hints.ts';

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

export const DEFAULT_LLM_TIMEOUT_MS = 3000;
const OPENAI_API = 'https://api.openai.com/v1';

/** Why a call gave nothing. Logged instead of the error's message, which may quote the citizen. */
type Failure =
  | { reason: 'timeout' }
  | { reason: 'http_error'; status: number }
  | { reason: 'connection' }
  | { reason: 'refusal' }
  | { reason: 'unfinished'; finishReason: string }
  | { reason: 'empty' }
  | { reason: 'malformed_json' }
  | { reason: 'schema_violation'; fields: string[] }
  | { reason: 'unexpected'; errorType: string };

type Outcome = { hints: LlmHints | undefined } | Failure;

const RESPONSE_FORMAT = zodResponseFormat(llmAnswerSchema, 'citizen_message_hints');

export function createLlmUnderstander(options: LlmUnderstanderOptions): LlmUnderstander {
  const { model, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  // Every option the SDK would otherwise read from the environment is set here: configuration
  // comes from loadConfig only. Retries would break the time limit; the SDK's own logging would
  // bypass our redaction.
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? OPENAI_API,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
  });

  async function ask(text: string, context: UnderstandContext, signal: AbortSignal): Promise<Outcome> {
    try {
      const completion = await client.chat.completions.create(
        { model, messages: buildMessages(text, context), response_format: RESPONSE_FORMAT },
        { signal, timeout: timeoutMs, maxRetries: 0 },
      );
      const choice = completion.choices?.[0];
      if (!choice) return { reason: 'empty' };
      if (choice.message.refusal) return { reason: 'refusal' };
      // Cut short means half a JSON object at best. (Other values vary between compatible servers.)
      if (choice.finish_reason === 'length' || choice.finish_reason === 'content_filter') return { reason: 'unfinished', finishReason: choice.finish_reason };
      const content = choice.message.content;
      if (!content) return { reason: 'empty' };
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch {
        return { reason: 'malformed_json' };
      }
      const answer = llmAnswerReader.safeParse(json);
      if (!answer.success) return { reason: 'schema_violation', fields: [...new Set(answer.error.issues.map((i) => i.path.join('.') || '(root)'))] };
      const knownDistrict = typeof context.known?.district === 'string' ? context.known.district : undefined;
      return { hints: hintsFromAnswer(answer.data, text, { knownDistrict }) };
    } catch (error) {
      return failureOf(error);
    }
  }

  return {
    async understand(text, context = {}) {
      if (!text.trim()) return undefined;
      const started = performance.now();
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The SDK's own timeout covers the request; this one covers everything, body parsing included.
      const deadline = new Promise<Failure>((resolve) => {
        timer = setTimeout(() => {
          controller.abort();
          resolve({ reason: 'timeout' });
        }, timeoutMs);
      });
      try {
        const outcome = await Promise.race([ask(text, context, controller.signal), deadline]);
        const ms = Math.round(performance.now() - started);
        if ('hints' in outcome) {
          logger.debug({ model, ms, fields: outcome.hints ? Object.keys(outcome.hints) : [] }, 'llm hints');
          return outcome.hints;
        }
        logger.warn({ model, ms, ...outcome }, 'llm understanding failed; using the rules alone');
        return undefined;
      } catch (error) {
        // Only a bug in this module gets here (ask() catches everything); still never the caller's problem.
        logger.warn({ model, reason: 'unexpected', errorType: error instanceof Error ? error.name : typeof error }, 'llm understanding failed; using the rules alone');
        return undefined;
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
    },
  };
}

function failureOf(error: unknown): Failure {
  // Our own abort (the deadline) and the SDK's timeout are the same event seen from two sides.
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return { reason: 'timeout' };
  if (error instanceof APIConnectionError) return { reason: 'connection' };
  if (error instanceof APIError && typeof error.status === 'number') return { reason: 'http_error', status: error.status };
  return { reason: 'unexpected', errorType: error instanceof Error ? error.name : typeof error };
}
