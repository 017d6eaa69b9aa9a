import { randomUUID } from 'node:crypto';
import type { IntakeSlot, Reply } from '../../flows/domain/reply.ts';

/** A citizen's conversation over the REST channel, answering intake by slot. */
export interface Citizen {
  userId: string;
  say(text: string): Promise<Reply[]>;
  /** Pushed messages (progress, callback) not read yet. */
  pushes(): Promise<Reply[]>;
  /** Files a complaint, answering whatever intake asks; returns the ticket number. */
  file(text: string, answers?: Record<string, string>): Promise<string>;
}

/**
 * What the complaint's citizen answers, by the slot asked, so suites follow the flow's order of
 * questions instead of pinning it (intake asks only what the opening message left out).
 */
export const INTAKE_ANSWERS: Readonly<Record<IntakeSlot, string>> = {
  type: '投诉',
  description: '楼下垃圾桶满了三天没人清理',
  category: '1',
  address: '朝阳区望京街道花家地北里3号楼',
  phone: '13811112222',
  name: '王先生',
  confidential: '不需要保密',
};

/** Response bodies are JSON the tests assert on field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions are the type check
export type JsonBody = any;

export function createWorkClient(base: string, keys: { channel: string; admin: string }) {
  async function call(method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: JsonBody }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  function citizen(userId: string): Citizen {
    let cursor = '0';
    const say = async (text: string) => {
      const res = await call('POST', '/api/v1/channels/rest/messages', keys.channel, { userId, text, messageId: `${userId}-${randomUUID()}` });
      if (res.status !== 200) throw new Error(`message answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body.replies as Reply[];
    };
    return {
      userId,
      say,
      async pushes() {
        const res = await call('GET', `/api/v1/channels/rest/users/${encodeURIComponent(userId)}/messages?after=${cursor}`, keys.channel);
        cursor = res.body.cursor;
        return (res.body.messages as Array<{ reply: Reply }>).map((m) => m.reply);
      },
      async file(text, answers = {}) {
        const all: Record<string, string> = { ...INTAKE_ANSWERS, ...answers };
        let replies = await say(text);
        for (let i = 0; i < 12; i++) {
          const filed = replies.find((r) => r.kind === 'case_filed');
          if (filed) return String(filed.data?.ticketNo);
          const asked = replies.findLast((r) => r.kind === 'question' || r.kind === 'confirm');
          const answer = asked?.kind === 'confirm' ? '确认' : asked?.slot ? all[asked.slot] : undefined;
          if (!answer) throw new Error(`no answer for ${JSON.stringify(replies)}`);
          replies = await say(answer);
        }
        throw new Error('intake did not file the case');
      },
    };
  }

  return {
    base,
    call,
    citizen,
    admin: (method: string, path: string, body?: unknown) => call(method, path, keys.admin, body),
    unit: (key: string) => ({
      event: (ticketNo: string, type: string, note?: string, extra: Record<string, unknown> = {}) =>
        call('POST', `/api/v1/cases/${ticketNo}/events`, key, { type, ...(note ? { note } : {}), ...extra }),
      get: (path: string) => call('GET', path, key),
    }),
  };
}

export type WorkClient = ReturnType<typeof createWorkClient>;
