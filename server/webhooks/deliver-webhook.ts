import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signing.ts';

export interface WebhookPost {
  url: string;
  secret: string;
  /** Reused across retries of one delivery, so the receiver can tell a retry from a new event. */
  deliveryId: string;
  event: string;
  payload: unknown;
  timeoutMs?: number;
  now?: () => number;
}

export type WebhookPostResult =
  | { ok: true; status: number }
  | { ok: false; status?: number; error: string; retryable: boolean };

const USER_AGENT = 'jiesu-webhook/1';
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * One signed attempt. Never throws: whoever schedules deliveries decides from `retryable` whether
 * to try again later (a unit's system being down must not fail our own request handling).
 */
export async function postWebhook(input: WebhookPost): Promise<WebhookPostResult> {
  const { url, secret, deliveryId, event, payload, timeoutMs = DEFAULT_TIMEOUT_MS, now = () => Date.now() } = input;

  const target = parseTarget(url);
  if (typeof target === 'string') return { ok: false, error: target, retryable: false };
  const body = serialise(payload);
  if (body === undefined) return { ok: false, error: 'The payload cannot be serialised as JSON', retryable: false };

  const timestamp = Math.floor(now() / 1000);
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        [EVENT_HEADER]: event,
        [DELIVERY_HEADER]: deliveryId,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, deliveryId, body),
      },
      body,
      // A redirected POST would either be replayed elsewhere or turned into a GET; neither is a
      // delivery, so a redirect is reported and the unit registers the final URL instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, error: describeFailure(error, timeoutMs), retryable: true };
  }

  // The answer's body means nothing to us; discarding it frees the connection for reuse.
  await response.body?.cancel().catch(() => undefined);
  const { status } = response;
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) {
    return { ok: false, status, error: `The receiver redirected (HTTP ${status}); register the final URL`, retryable: false };
  }
  return { ok: false, status, error: `The receiver answered HTTP ${status}`, retryable: isRetryableStatus(status) };
}

/** 4xx means the request itself was refused (bad secret, gone endpoint): retrying cannot help. */
function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

function parseTarget(url: string): URL | string {
  try {
    const target = new URL(url);
    if (target.protocol === 'https:' || target.protocol === 'http:') return target;
    return `The webhook URL must use http or https, not ${target.protocol}`;
  } catch {
    return 'The webhook URL is not a valid URL';
  }
}

function serialise(payload: unknown): string | undefined {
  try {
    return JSON.stringify(payload) as string | undefined;
  } catch {
    // Cycles and BigInt values throw.
    return undefined;
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `No answer within ${timeoutMs} ms`;
  // fetch reports network failures as a bare "fetch failed" with the reason in `cause`.
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  if (cause?.code) return `Network error: ${cause.code}`;
  if (cause instanceof Error) return `Network error: ${cause.message}`;
  return error instanceof Error ? error.message : String(error);
}
