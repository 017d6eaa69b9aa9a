import type { Reply } from '../../../flows/domain/reply.ts';
import type { Conversation, Message } from '../entities.ts';
import { readDate, readJson, type SqlSession, type SqlValue } from '../sql.ts';

export interface InboundRecord {
  conversation: Conversation;
  channelMessageId: string | null;
  text: string;
  at: Date;
}

const OUT_COLUMNS = 'conversation_id, citizen_id, channel, direction, channel_message_id, in_reply_to, kind, body, created_at';

const toMessage = (row: Record<string, unknown>): Message => ({
  id: Number(row.id),
  conversationId: Number(row.conversation_id),
  citizenId: Number(row.citizen_id),
  channel: String(row.channel),
  direction: row.direction === 'in' ? 'in' : 'out',
  channelMessageId: row.channel_message_id === null ? null : String(row.channel_message_id),
  inReplyTo: row.in_reply_to === null ? null : Number(row.in_reply_to),
  kind: String(row.kind),
  body: readJson<Message['body']>(row.body),
  createdAt: readDate(row.created_at),
});

export function createMessageRepository() {
  return {
    /**
     * Log an inbound message. Returns its id, or null when the channel already delivered this message
     * id: the unique key decides, so the check cannot race with another process.
     */
    async insertInbound(sql: SqlSession, record: InboundRecord): Promise<number | null> {
      const c = record.conversation;
      const row = await sql.get<{ id: number }>(
        `INSERT INTO messages (${OUT_COLUMNS}) VALUES (?, ?, ?, 'in', ?, NULL, 'text', ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
        [c.id, c.citizenId, c.channel, record.channelMessageId, JSON.stringify({ text: record.text }), record.at],
      );
      return row ? Number(row.id) : null;
    },

    /** The replies logged for an earlier delivery of this channel message id. */
    async repliesToDelivered(sql: SqlSession, conversation: Conversation, channelMessageId: string): Promise<Reply[]> {
      const inbound = await sql.get<{ id: number }>('SELECT id FROM messages WHERE channel = ? AND channel_message_id = ?', [
        conversation.channel,
        channelMessageId,
      ]);
      if (!inbound) return [];
      // Replies follow their message in the citizen's log; the (citizen_id, id) index bounds the scan.
      const rows = await sql.all<{ body: string }>('SELECT body FROM messages WHERE citizen_id = ? AND id > ? AND in_reply_to = ? ORDER BY id', [
        conversation.citizenId,
        Number(inbound.id),
        Number(inbound.id),
      ]);
      return rows.map((row) => readJson<Reply>(row.body));
    },

    /** Replies to an inbound message (inReplyTo set) or pushes sent on the system's own initiative (null). */
    async insertOutbound(sql: SqlSession, conversation: Pick<Conversation, 'id' | 'citizenId' | 'channel'>, inReplyTo: number | null, replies: Reply[], at: Date): Promise<void> {
      if (replies.length === 0) return;
      const values: SqlValue[] = [];
      for (const reply of replies) {
        values.push(conversation.id, conversation.citizenId, conversation.channel, inReplyTo, reply.kind, JSON.stringify(reply), at);
      }
      const rows = replies.map(() => "(?, ?, ?, 'out', NULL, ?, ?, ?, ?)").join(', ');
      await sql.run(`INSERT INTO messages (${OUT_COLUMNS}) VALUES ${rows}`, values);
    },

    /** Messages pushed to a citizen after the fact, oldest first, for channels that poll. */
    async pushedSince(sql: SqlSession, citizenId: number, afterId: number, limit: number): Promise<Message[]> {
      const rows = await sql.all(
        `SELECT id, ${OUT_COLUMNS} FROM messages WHERE citizen_id = ? AND id > ? AND direction = 'out' AND in_reply_to IS NULL ORDER BY id LIMIT ?`,
        [citizenId, afterId, limit],
      );
      return rows.map(toMessage);
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
