import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { Reply } from '../../../flows/domain/reply.ts';
import { MessageSchema, type Conversation, type Message } from '../entities.ts';

export interface InboundRecord {
  conversation: Conversation;
  channelMessageId: string | null;
  text: string;
  at: Date;
}

export function createMessageRepository() {
  return {
    findInbound(m: EntityManager, channel: string, channelMessageId: string): Promise<Message | null> {
      return m.findOne(MessageSchema, { where: { channel, channelMessageId, direction: 'in' } });
    },

    async repliesTo(m: EntityManager, inboundId: number): Promise<Reply[]> {
      const rows = await m.find(MessageSchema, { where: { inReplyTo: inboundId }, order: { id: 'ASC' } });
      return rows.map((row) => row.body as Reply);
    },

    async insertInbound(m: EntityManager, record: InboundRecord): Promise<number> {
      const result = await m.insert(MessageSchema, {
        conversationId: record.conversation.id,
        citizenId: record.conversation.citizenId,
        channel: record.conversation.channel,
        direction: 'in',
        channelMessageId: record.channelMessageId,
        inReplyTo: null,
        kind: 'text',
        body: { text: record.text },
        createdAt: record.at,
      });
      return Number(result.identifiers[0]?.id);
    },

    /** Replies to an inbound message (inReplyTo set) or pushes sent on the system's own initiative (null). */
    async insertOutbound(m: EntityManager, conversation: Conversation, inReplyTo: number | null, replies: Reply[], at: Date): Promise<void> {
      if (replies.length === 0) return;
      await m.insert(
        MessageSchema,
        replies.map((reply) => ({
          conversationId: conversation.id,
          citizenId: conversation.citizenId,
          channel: conversation.channel,
          direction: 'out' as const,
          channelMessageId: null,
          inReplyTo,
          kind: reply.kind,
          body: reply,
          createdAt: at,
        })),
      );
    },

    /** Messages pushed to a citizen after the fact, oldest first, for channels that poll. */
    pushedSince(m: EntityManager, citizenId: number, afterId: number, limit: number): Promise<Message[]> {
      return m.find(MessageSchema, {
        where: { citizenId, direction: 'out', inReplyTo: IsNull(), id: MoreThan(afterId) },
        order: { id: 'ASC' },
        take: limit,
      });
    },

    transcript(m: EntityManager, conversationId: number): Promise<Message[]> {
      return m.find(MessageSchema, { where: { conversationId }, order: { id: 'ASC' } });
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
