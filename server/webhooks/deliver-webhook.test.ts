import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postWebhook } from './deliver-webhook.ts';
import { createWebhookVerifier, generateWebhookSecret, signWebhook, type WebhookVerification } from './signing.ts';

const SECRET = generateWebhookSecret();
const PAYLOAD = {
  ticketNo: 'BJ20250612-0031',
  unit: '朝阳区城市管理委员会',
  summary: '望京街道花家地北里3号楼旁工地夜间施工，噪音扰民',
};

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verification: WebhookVerification;
}

/** Listens on an ephemeral port; resolves to its base URL. */
function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('delivering a webhook to a unit', () => {
  // Plays a unit's system: verifies every request at /hook the way the README tells units to.
  const verifier = createWebhookVerifier({ secret: SECRET });
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      switch (request.url) {
        case '/hook': {
          const verification = verifier.verify(request.headers, body);
          received.push({ headers: request.headers, body, verification });
          response.writeHead(verification.ok ? 204 : 401).end();
          return;
        }
        case '/broken':
          response.writeHead(500).end('internal error');
          return;
        case '/rejects':
          response.writeHead(400).end('bad request');
          return;
        case '/busy':
          response.writeHead(429).end();
          return;
        case '/moved':
          response.writeHead(302, { location: '/hook' }).end();
          return;
        case '/slow':
          // Never answers; the connection is closed when the suite ends.
          return;
        default:
          response.writeHead(404).end();
      }
    });
  });
  let base = '';

  beforeAll(async () => {
    base = await listen(server);
  });

  afterAll(async () => {
    await close(server);
  });

  beforeEach(() => {
    received.length = 0;
  });

  const deliver = (overrides: Partial<Parameters<typeof postWebhook>[0]> = {}) =>
    postWebhook({ url: `${base}/hook`, secret: SECRET, deliveryId: randomUUID(), event: 'case.dispatched', payload: PAYLOAD, ...overrides });

  it('delivers a signed case that the unit accepts', async () => {
    const result = await deliver({ deliveryId: 'dlv_accepted' });

    expect(result).toEqual({ ok: true, status: 204 });
    const [request] = received;
    expect(request?.verification).toEqual({ ok: true, deliveryId: 'dlv_accepted', event: 'case.dispatched' });
    expect(JSON.parse(request?.body ?? '')).toEqual(PAYLOAD);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'jiesu-webhook/1',
      'x-jiesu-event': 'case.dispatched',
      'x-jiesu-delivery': 'dlv_accepted',
    });
    expect(request?.headers['x-jiesu-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('is refused when the very same request is replayed', async () => {
    const sentAt = Date.now();
    const first = await deliver({ deliveryId: 'dlv_replayed', now: () => sentAt });
    const replay = await deliver({ deliveryId: 'dlv_replayed', now: () => sentAt });

    expect(first.ok).toBe(true);
    expect(replay).toEqual({ ok: false, status: 401, error: 'The receiver answered HTTP 401', retryable: false });
    const [original, again] = received;
    expect(again?.body).toBe(original?.body);
    expect(again?.headers['x-jiesu-signature']).toBe(original?.headers['x-jiesu-signature']);
    expect(again?.verification).toEqual({ ok: false, reason: 'replayed' });
  });

  it('is refused when the body was changed on the way', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(PAYLOAD);
    const response = await fetch(`${base}/hook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-jiesu-event': 'case.dispatched',
        'x-jiesu-delivery': 'dlv_tampered',
        'x-jiesu-timestamp': String(timestamp),
        'x-jiesu-signature': signWebhook(SECRET, timestamp, 'dlv_tampered', body),
      },
      body: body.replace('朝阳区', '海淀区'),
    });

    expect(response.status).toBe(401);
    expect(received[0]?.verification).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('is refused when signed ten minutes ago', async () => {
    const result = await deliver({ now: () => Date.now() - 10 * 60 * 1000 });

    expect(result).toMatchObject({ ok: false, status: 401, retryable: false });
    expect(received[0]?.verification).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('is worth retrying when the unit answers 500 or asks us to slow down', async () => {
    expect(await deliver({ url: `${base}/broken` })).toEqual({ ok: false, status: 500, error: 'The receiver answered HTTP 500', retryable: true });
    expect(await deliver({ url: `${base}/busy` })).toMatchObject({ ok: false, status: 429, retryable: true });
  });

  it('is not worth retrying when the unit answers 400', async () => {
    expect(await deliver({ url: `${base}/rejects` })).toEqual({ ok: false, status: 400, error: 'The receiver answered HTTP 400', retryable: false });
  });

  it('does not follow a redirect with a signed body', async () => {
    const result = await deliver({ url: `${base}/moved` });

    expect(result).toMatchObject({ ok: false, status: 302, retryable: false });
    expect(received).toHaveLength(0);
  });

  it('is worth retrying when nothing listens on the port', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await close(closed);

    const result = await deliver({ url: `${url}/hook` });

    expect(result).toMatchObject({ ok: false, retryable: true, error: 'Network error: ECONNREFUSED' });
    expect(result).not.toHaveProperty('status');
  });

  it('is worth retrying when the unit does not answer within the timeout', async () => {
    expect(await deliver({ url: `${base}/slow`, timeoutMs: 200 })).toEqual({ ok: false, error: 'No answer within 200 ms', retryable: true });
  });

  it('reports, without throwing, what no retry can fix', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    expect(await deliver({ payload: cyclic })).toMatchObject({ ok: false, retryable: false });
    expect(await deliver({ payload: 10n })).toMatchObject({ ok: false, retryable: false });
    expect(await deliver({ url: 'not a url' })).toMatchObject({ ok: false, retryable: false });
    expect(await deliver({ url: 'ftp://127.0.0.1/hook' })).toMatchObject({ ok: false, retryable: false });
    expect(received).toHaveLength(0);
  });
});
