import type { Reply } from '../../flows/domain/reply.ts';
import type { CitizenRepository } from '../db/repositories/citizen.repository.ts';
import type { MessageRepository } from '../db/repositories/message.repository.ts';
import type { SqlSession } from '../db/sql.ts';

export interface PushedMessage {
  id: string;
  reply: Reply;
  createdAt: string;
}

/** Messages sent to a citizen on the system's initiative (progress, callbacks), for polling channels. */
export function createPushQueries(sql: SqlSession, citizens: CitizenRepository, messages: MessageRepository) {
  return {
    async since(channel: string, userId: string, cursor: number, limit = 50): Promise<{ messages: PushedMessage[]; cursor: string }> {
      const citizen = await citizens.find(sql, channel, userId);
      if (!citizen) return { messages: [], cursor: String(cursor) };
      const rows = await messages.pushedSince(sql, citizen.id, cursor, limit);
      const last = rows.at(-1);
      return {
        messages: rows.map((row) => ({ id: String(row.id), reply: row.body as Reply, createdAt: row.createdAt.toISOString() })),
        cursor: String(last ? last.id : cursor),
      };
    },
  };
}
