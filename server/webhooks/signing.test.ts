import { describe, expect, it } from 'vitest';
import {
  createWebhookVerifier,
  DELIVERY_HEADER,
  EVENT_HEADER,
  generateWebhookSecret,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  type WebhookHeaders,
} from './signing.ts';

const SECRET = 'whsec_test';
const SENT_AT = 1_700_000_000;
const BODY = JSON.stringify({ ticketNo: 'BJ20250612-0031', title: '望京街道夜间施工噪音' });

/** A clock standing `seconds` after the request was signed. */
const clockAt = (seconds: number) => () => (SENT_AT + seconds) * 1000;

function signedHeaders(deliveryId = 'dlv_1', { secret = SECRET, timestamp = SENT_AT, body = BODY } = {}): WebhookHeaders {
  return {
    'x-jiesu-event': 'case.dispatched',
    'x-jiesu-delivery': deliveryId,
    'x-jiesu-timestamp': String(timestamp),
    'x-jiesu-signature': signWebhook(secret, timestamp, deliveryId, body),
  };
}

describe('signing a webhook', () => {
  it('signs "<timestamp>.<delivery>.<body>" with HMAC-SHA256 as receivers in other languages compute it', () => {
    // Computed independently: printf '%s' '1700000000.d-1.{"ticketNo":"J20240001"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhook('whsec_test', 1_700_000_000, 'd-1', '{"ticketNo":"J20240001"}')).toBe(
      'v1=1308efc215d493217fe0834c3f327d631d4d9718df66f4e70cbd3d0ae6f36c13',
    );
  });

  it('generates secrets of 32 random bytes with a recognisable prefix', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64url')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('names the headers as documented', () => {
    expect([EVENT_HEADER, DELIVERY_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER]).toEqual([
      'X-Jiesu-Event',
      'X-Jiesu-Delivery',
      'X-Jiesu-Timestamp',
      'X-Jiesu-Signature',
    ]);
  });
});

describe('verifying a webhook', () => {
  it('accepts a request signed with the shared secret and says which delivery and event it is', () => {
    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(3) });
    expect(verifier.verify(signedHeaders(), BODY)).toEqual({ ok: true, deliveryId: 'dlv_1', event: 'case.dispatched' });
  });

  it('finds the headers whatever the case of their names', () => {
    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(0) });
    const headers = Object.fromEntries(Object.entries(signedHeaders()).map(([name, value]) => [name.toUpperCase(), value]));
    expect(verifier.verify(headers, BODY).ok).toBe(true);
  });

  it.each(['x-jiesu-event', 'x-jiesu-delivery', 'x-jiesu-timestamp', 'x-jiesu-signature'])('refuses a request without %s', (name) => {
    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(0) });
    const headers = { ...signedHeaders(), [name]: undefined };
    expect(verifier.verify(headers, BODY)).toEqual({ ok: false, reason: 'missing_headers' });
  });

  it('refuses a timestamp that is not a number of seconds, and a delivery id sent twice', () => {
    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(0) });
    expect(verifier.verify({ ...signedHeaders(), 'x-jiesu-timestamp': '2023-11-14T22:13:20Z' }, BODY)).toMatchObject({ reason: 'missing_headers' });
    expect(verifier.verify({ ...signedHeaders(), 'x-jiesu-delivery': ['dlv_1', 'dlv_2'] }, BODY)).toMatchObject({ reason: 'missing_headers' });
  });

  it('refuses a body, delivery id or timestamp changed after signing', () => {
    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(0) });
    const headers = signedHeaders();
    expect(verifier.verify(headers, BODY.replace('望京', '花家地'))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifier.verify({ ...headers, 'x-jiesu-delivery': 'dlv_2' }, BODY)).toMatchObject({ reason: 'bad_signature' });
    expect(verifier.verify({ ...headers, 'x-jiesu-timestamp': String(SENT_AT + 1) }, BODY)).toMatchObject({ reason: 'bad_signature' });
  });

  it('refuses a request signed with another secret, or a signature of another version', () => {
    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(0) });
    expect(verifier.verify(signedHeaders('dlv_1', { secret: 'whsec_other' }), BODY)).toMatchObject({ reason: 'bad_signature' });
    const v0 = { ...signedHeaders(), 'x-jiesu-signature': String(signedHeaders()['x-jiesu-signature']).replace('v1=', 'v0=') };
    expect(verifier.verify(v0, BODY)).toMatchObject({ reason: 'bad_signature' });
  });

  it('accepts either of two secrets while a receiver rotates, and either of two signatures a sender sends', () => {
    const rotating = createWebhookVerifier({ secret: ['whsec_new', SECRET], now: clockAt(0) });
    expect(rotating.verify(signedHeaders('dlv_1'), BODY).ok).toBe(true);

    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(0) });
    const both = `${signWebhook('whsec_new', SENT_AT, 'dlv_2', BODY)}, ${signWebhook(SECRET, SENT_AT, 'dlv_2', BODY)}`;
    expect(verifier.verify({ ...signedHeaders('dlv_2'), 'x-jiesu-signature': both }, BODY).ok).toBe(true);
  });

  it('refuses a timestamp further than the tolerance in the past or the future', () => {
    expect(createWebhookVerifier({ secret: SECRET, now: clockAt(301) }).verify(signedHeaders(), BODY)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(createWebhookVerifier({ secret: SECRET, now: clockAt(-301) }).verify(signedHeaders(), BODY)).toMatchObject({ reason: 'stale_timestamp' });
    expect(createWebhookVerifier({ secret: SECRET, now: clockAt(300) }).verify(signedHeaders(), BODY).ok).toBe(true);
    expect(createWebhookVerifier({ secret: SECRET, toleranceSeconds: 60, now: clockAt(61) }).verify(signedHeaders(), BODY)).toMatchObject({
      reason: 'stale_timestamp',
    });
  });

  it('refuses the same delivery a second time', () => {
    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(0) });
    expect(verifier.verify(signedHeaders(), BODY).ok).toBe(true);
    expect(verifier.verify(signedHeaders(), BODY)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('does not let a forged request use up a delivery id', () => {
    const verifier = createWebhookVerifier({ secret: SECRET, now: clockAt(0) });
    expect(verifier.verify(signedHeaders('dlv_1', { secret: 'whsec_forger' }), BODY).ok).toBe(false);
    expect(verifier.verify(signedHeaders('dlv_1'), BODY).ok).toBe(true);
  });

  it('forgets delivery ids once a replay would be stale anyway, so memory stays bounded', () => {
    let seconds = 0;
    const verifier = createWebhookVerifier({ secret: SECRET, now: () => (SENT_AT + seconds) * 1000 });
    for (let index = 0; index < 50; index += 1) expect(verifier.verify(signedHeaders(`dlv_${index}`), BODY).ok).toBe(true);
    expect(verifier.remembered).toBe(50);

    seconds = 301;
    expect(verifier.verify(signedHeaders('dlv_0'), BODY)).toMatchObject({ reason: 'stale_timestamp' });
    expect(verifier.remembered).toBe(0);
  });

  it('needs a secret', () => {
    expect(() => createWebhookVerifier({ secret: '' })).toThrow(TypeError);
    expect(() => createWebhookVerifier({ secret: [] })).toThrow(TypeError);
  });
});
