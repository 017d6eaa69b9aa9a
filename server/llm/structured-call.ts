import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import type { z } from 'zod';

export const DEFAULT_LLM_TIMEOUT_MS = 3000;
const OPENAI_API = 'https://api.openai.com/v1';

/** Why a call gave nothing. Logged instead of the error's message, which may quote the citizen. */
export type CallFailure =
  | { reason: 'timeout' }
  | { reason: 'http_error'; status: number }
  | { reason: 'connection' }
  | { reason: 'refusal' }
  | { reason: 'unfinished'; finishReason: string }
  | { reason: 'empty' }
  | { reason: 'malformed_json' }
  | { reason: 'schema_violation'; fields: string[] }
  | { reason: 'unexpected'; errorType: string };

export interface ModelSettings {
  apiKey: string;
  /** Any OpenAI-compatible server (an on-premises model); the OpenAI API when absent. */
  baseUrl?: string;
  model: string;
  /** The whole call, connection to parsed answer, is abandoned after this long. */
  timeoutMs?: number;
}

export type Message = { role: 'system' | 'user'; content: string };

/**
 * One structured (JSON schema) chat completion against an OpenAI-compatible server, bounded in time:
 * the answer parsed and checked with zod, or why not. Never throws, never outlasts the time limit.
 */
export function createStructuredCaller(settings: ModelSettings) {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  // Every option the SDK would otherwise read from the environment is set here: configuration comes
  // from loadConfig only. Retries would break the time limit; the SDK's own logging would bypass our
  // redaction.
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl ?? OPENAI_API,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
  });

  async function ask<T>(messages: Message[], format: ResponseFormatJSONSchema, reader: z.ZodType<T>, signal: AbortSignal): Promise<{ value: T } | CallFailure> {
    try {
      const completion = await client.chat.completions.create({ model: settings.model, messages, response_format: format }, { signal, timeout: timeoutMs, maxRetries: 0 });
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
      const parsed = reader.safeParse(json);
      if (!parsed.success) return { reason: 'schema_violation', fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))] };
      return { value: parsed.data };
    } catch (error) {
      return failureOf(error);
    }
  }

  return {
    model: settings.model,
    timeoutMs,
    /** The parsed answer, or why there is none; `elapsedMs` for the log line. */
    async call<T>(messages: Message[], format: ResponseFormatJSONSchema, reader: z.ZodType<T>): Promise<({ value: T } | CallFailure) & { elapsedMs: number }> {
      const started = performance.now();
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The SDK's own timeout covers the request; this one covers everything, body parsing included.
      const deadline = new Promise<CallFailure>((resolve) => {
        timer = setTimeout(() => {
          controller.abort();
          resolve({ reason: 'timeout' });
        }, timeoutMs);
      });
      try {
        const outcome = await Promise.race([ask(messages, format, reader, controller.signal), deadline]);
        return { ...outcome, elapsedMs: Math.round(performance.now() - started) };
      } catch (error) {
        // Only a bug here gets this far (ask() catches everything); still never the caller's problem.
        return { reason: 'unexpected', errorType: error instanceof Error ? error.name : typeof error, elapsedMs: Math.round(performance.now() - started) };
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
    },
  };
}

function failureOf(error: unknown): CallFailure {
  // Our own abort (the deadline) and the SDK's timeout are the same event seen from two sides.
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return { reason: 'timeout' };
  if (error instanceof APIConnectionError) return { reason: 'connection' };
  if (error instanceof APIError && typeof error.status === 'number') return { reason: 'http_error', status: error.status };
  return { reason: 'unexpected', errorType: error instanceof Error ? error.name : typeof error };
}
