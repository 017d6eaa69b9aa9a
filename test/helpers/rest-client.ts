import { request } from 'node:http';
import type { Reply } from '../../flows/domain/reply.ts';

/** What the REST channel answers to one message. */
export interface TurnResponse {
  replies: Reply[];
  duplicate: boolean;
}

export interface RestClientOptions {
  channelKey: string;
  adminKey?: string;
}

/** A message posted without waiting for the turn: `sent` resolves once the body has left this process. */
export interface MessageInFlight {
  sent: Promise<void>;
  /** The answer, or a rejection when the server died first. Always handled, so it never goes unhandled. */
  response: Promise<TurnResponse>;
}

/**
 * A front end talking to the REST channel and an administrator reading cases, as other e2e suites
 * would: plain HTTP, the documented paths, bearer keys.
 */
export function createRestClient(baseUrl: string, options: RestClientOptions) {
  const messagesUrl = new URL('/api/v1/channels/rest/messages', baseUrl);

  return {
    async send(userId: string, text: string, messageId?: string): Promise<TurnResponse> {
      const res = await fetch(messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.channelKey}` },
        body: JSON.stringify({ userId, text, messageId }),
        signal: AbortSignal.timeout(15_000),
      });
      if (res.status !== 200) throw new Error(`POST ${messagesUrl.pathname} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as TurnResponse;
    },

    /** For crash tests: post a message and let the caller kill the server while the turn runs. */
    sendInFlight(userId: string, text: string, messageId?: string): MessageInFlight {
      const body = JSON.stringify({ userId, text, messageId });
      let markSent: () => void = () => undefined;
      let failSent: (error: Error) => void = () => undefined;
      const sent = new Promise<void>((resolve, reject) => {
        markSent = resolve;
        failSent = reject;
      });
      const response = new Promise<TurnResponse>((resolve, reject) => {
        const req = request(
          messagesUrl,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: `Bearer ${options.channelKey}`,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              try {
                resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as TurnResponse);
              } catch (error) {
                reject(error as Error);
              }
            });
          },
        );
        req.on('finish', () => markSent());
        req.on('error', (error) => {
          failSent(error);
          reject(error);
        });
        req.end(body);
      });
      response.catch(() => undefined);
      sent.catch(() => undefined);
      return { sent, response };
    },

    async cases(channel: string, userId: string): Promise<Array<Record<string, unknown> & { ticketNo: string }>> {
      if (!options.adminKey) throw new Error('createRestClient needs adminKey to read cases');
      const url = new URL('/api/v1/cases', baseUrl);
      url.search = new URLSearchParams({ channel, userId }).toString();
      const res = await fetch(url, { headers: { authorization: `Bearer ${options.adminKey}` }, signal: AbortSignal.timeout(15_000) });
      if (res.status !== 200) throw new Error(`GET ${url.pathname} answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { cases: Array<Record<string, unknown> & { ticketNo: string }> }).cases;
    },
  };
}

export type RestClient = ReturnType<typeof createRestClient>;

/** The question a turn ended on: the last reply that waits for the citizen. */
export function lastQuestion(turn: TurnResponse): Pick<Reply, 'kind' | 'slot'> | undefined {
  const asked = turn.replies.findLast((r) => r.kind === 'question' || r.kind === 'confirm');
  return asked ? { kind: asked.kind, ...(asked.slot ? { slot: asked.slot } : {}) } : undefined;
}

export function filedTicket(turn: TurnResponse): string | undefined {
  const ticketNo = turn.replies.find((r) => r.kind === 'case_filed')?.data?.ticketNo;
  return typeof ticketNo === 'string' ? ticketNo : undefined;
}
