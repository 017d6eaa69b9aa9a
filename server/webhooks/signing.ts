import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How a unit's system knows a webhook request came from us, unaltered and only once: an HMAC over
 * the timestamp, the delivery id and the raw body, keyed with the secret the unit was given. This
 * module is used on both sides: we sign, and receivers (and the docs' example) verify.
 */

export const EVENT_HEADER = 'X-Jiesu-Event';
export const DELIVERY_HEADER = 'X-Jiesu-Delivery';
export const TIMESTAMP_HEADER = 'X-Jiesu-Timestamp';
export const SIGNATURE_HEADER = 'X-Jiesu-Signature';

const SIGNATURE_VERSION = 'v1';

/**
 * `v1=<hex HMAC-SHA256(secret, "<timestamp>.<delivery>.<body>")>`. The key is the whole secret string
 * as UTF-8, prefix included, so a receiver in any language needs no decoding step.
 */
export function signWebhook(secret: string, timestamp: number, deliveryId: string, body: string): string {
  return `${SIGNATURE_VERSION}=${hmacHex(secret, `${timestamp}.${deliveryId}.${body}`)}`;
}

/** 32 random bytes: as strong as the HMAC-SHA256 key can use. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export type WebhookHeaders = Record<string, string | string[] | undefined>;
export type WebhookVerification =
  | { ok: true; deliveryId: string; event: string }
  | { ok: false; reason: 'missing_headers' | 'bad_signature' | 'stale_timestamp' | 'replayed' };

export interface WebhookVerifierOptions {
  /** Several secrets let a receiver rotate: accept the old and the new one for a while. */
  secret: string | readonly string[];
  toleranceSeconds?: number;
  now?: () => number;
}

export interface WebhookVerifier {
  verify(headers: WebhookHeaders, rawBody: string): WebhookVerification;
  /** How many delivery ids are held for replay detection; bounded by the traffic of two windows. */
  readonly remembered: number;
}

/**
 * `rawBody` must be the bytes as received, before any JSON parsing: re-serialising changes them.
 * A 'replayed' result for a genuine retry means the delivery was already accepted; answer it with a
 * 2xx so the sender stops retrying.
 */
export function createWebhookVerifier({ secret, toleranceSeconds = 300, now = () => Date.now() }: WebhookVerifierOptions): WebhookVerifier {
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0 || secrets.some((candidate) => candidate === '')) throw new TypeError('A webhook secret is required');
  const toleranceMs = toleranceSeconds * 1000;
  // Delivery id → when a replay of it would be stale anyway, in insertion order.
  const seen = new Map<string, number>();

  function forgetExpired(nowMs: number): void {
    // Insertion order is nearly expiry order (timestamps differ by at most the tolerance), so
    // stopping at the first live entry keeps this O(1) per call while memory stays bounded.
    for (const [deliveryId, expiresAt] of seen) {
      if (expiresAt > nowMs) break;
      seen.delete(deliveryId);
    }
  }

  return {
    verify(headers, rawBody) {
      const nowMs = now();
      forgetExpired(nowMs);

      const lookup = lowerCaseKeys(headers);
      const event = single(lookup.get(EVENT_HEADER.toLowerCase()));
      const deliveryId = single(lookup.get(DELIVERY_HEADER.toLowerCase()));
      const timestamp = single(lookup.get(TIMESTAMP_HEADER.toLowerCase()));
      const signatures = lookup.get(SIGNATURE_HEADER.toLowerCase());
      if (!event || !deliveryId || !timestamp || !/^\d{1,12}$/.test(timestamp) || !signatures) {
        return { ok: false, reason: 'missing_headers' };
      }

      // Signature first: nothing about timing or history is revealed to a forger.
      const signed = `${timestamp}.${deliveryId}.${rawBody}`;
      const matches = secrets.some((key) => anySignatureMatches(signatures, hmacHex(key, signed)));
      if (!matches) return { ok: false, reason: 'bad_signature' };

      const sentAtMs = Number(timestamp) * 1000;
      if (Math.abs(nowMs - sentAtMs) > toleranceMs) return { ok: false, reason: 'stale_timestamp' };

      if ((seen.get(deliveryId) ?? 0) > nowMs) return { ok: false, reason: 'replayed' };
      // After sentAt + tolerance the same request is refused as stale, so it need not be remembered.
      seen.set(deliveryId, sentAtMs + toleranceMs);
      return { ok: true, deliveryId, event };
    },
    get remembered() {
      return seen.size;
    },
  };
}

function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/**
 * The header may carry several `v1=` entries (comma or space separated) so a sender can sign with
 * an old and a new secret during rotation; any one matching is enough. Compared in constant time.
 */
function anySignatureMatches(header: string | string[], expectedHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'utf8');
  const entries = (Array.isArray(header) ? header : [header]).flatMap((value) => value.split(/[\s,]+/));
  let matched = false;
  for (const entry of entries) {
    const [version, hex] = entry.split('=', 2);
    if (version !== SIGNATURE_VERSION || hex === undefined) continue;
    const candidate = Buffer.from(hex.toLowerCase(), 'utf8');
    // Lengths are public (always 64 hex digits), so only equal-length values need a careful compare.
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
  }
  return matched;
}

/** Node lower-cases incoming header names; other sources (fetch, frameworks, tests) may not. */
function lowerCaseKeys(headers: WebhookHeaders): Map<string, string | string[]> {
  const lookup = new Map<string, string | string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) lookup.set(name.toLowerCase(), value);
  }
  return lookup;
}

/** A header sent twice is ambiguous, so it counts as missing rather than picking one. */
function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0]?.trim() : undefined;
  return value?.trim();
}
