import type { Logger } from '../server/logger.ts';

export interface SendThrottleOptions {
  logger: Logger;
  /** Minimum gap between the starts of two sends on this account. */
  intervalMs: number;
  /** Up to this much random delay is added to every gap, so sends do not tick like a machine. */
  jitterMs?: number;
  /** Extra attempts after a failed send, with doubling back-off, before the send is given up. */
  retries?: number;
  /** Back-off before the first retry; each further retry waits twice as long. */
  retryDelayMs?: number;
  /** A queue longer than this is logged as a warning: replies are going out late. */
  backlogWarning?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface SendThrottle {
  /**
   * Queue one send. Resolves true once delivered, false when every attempt failed (that is logged).
   * Never rejects: a failed send must not escape into a Wechaty event handler.
   */
  send(deliver: () => Promise<unknown>, fields?: Record<string, unknown>): Promise<boolean>;
  /** Resolves when everything queued so far has been sent or given up. */
  drain(): Promise<void>;
  readonly pending: number;
}

export const DEFAULT_SEND_INTERVAL_MS = 1200;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One serial queue for every send of a WeChat account. Tencent flags accounts that send in bursts
 * ("发送消息过于频繁", wechaty#596, #1356), so sends never overlap and keep a minimum gap with jitter;
 * retries count as sends and keep the same gap.
 */
export function createSendThrottle(options: SendThrottleOptions): SendThrottle {
  const { logger } = options;
  const intervalMs = Math.max(0, options.intervalMs);
  const jitterMs = Math.max(0, options.jitterMs ?? Math.round(intervalMs / 4));
  const retries = Math.max(0, options.retries ?? 2);
  const retryDelayMs = Math.max(0, options.retryDelayMs ?? Math.max(1000, intervalMs));
  const backlogWarning = options.backlogWarning ?? 50;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());

  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let lastStart: number | undefined;

  async function spaced<T>(attempt: () => Promise<T>): Promise<T> {
    if (lastStart !== undefined) {
      const wait = lastStart + intervalMs + Math.floor(random() * jitterMs) - now();
      if (wait > 0) await sleep(wait);
    }
    lastStart = now();
    return attempt();
  }

  async function deliverWithRetries(deliver: () => Promise<unknown>, fields: Record<string, unknown>): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await spaced(deliver);
        return true;
      } catch (error) {
        if (attempt >= retries) {
          logger.error({ ...fields, err: error, attempts: attempt + 1 }, 'wechat send failed; giving up');
          return false;
        }
        const backOff = retryDelayMs * 2 ** attempt;
        logger.warn({ ...fields, err: error, attempt: attempt + 1, backOffMs: backOff }, 'wechat send failed; retrying');
        await sleep(backOff);
      }
    }
  }

  return {
    send(deliver, fields = {}) {
      pending++;
      if (pending > backlogWarning) logger.warn({ pending }, 'wechat send queue is backing up');
      const result = tail.then(() => deliverWithRetries(deliver, fields));
      tail = result.finally(() => {
        pending--;
      });
      return result;
    },
    async drain() {
      // Sends queued while draining are waited for too.
      let current: Promise<unknown>;
      do {
        current = tail;
        await current;
      } while (current !== tail);
    },
    get pending() {
      return pending;
    },
  };
}
