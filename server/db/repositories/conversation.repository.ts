import { AppError } from '../../errors.ts';
import type { Citizen, Conversation } from '../entities.ts';
import { readDate, readJson, type SqlSession } from '../sql.ts';

export class ConcurrentTurnError extends AppError {
  constructor() {
    super('concurrent_turn', 'Another process saved this conversation first', 409, false);
  }
}

export interface ConversationUpdate {
  snapshot: object;
  flowVersion: number;
  state: string;
}

const COLUMNS = 'id, citizen_id, channel, user_id, flow_version, snapshot, revision, state, created_at, updated_at';

const toConversation = (row: Record<string, unknown>): Conversation => ({
  id: Number(row.id),
  citizenId: Number(row.citizen_id),
  channel: String(row.channel),
  userId: String(row.user_id),
  flowVersion: Number(row.flow_version),
  snapshot: row.snapshot === null || row.snapshot === undefined ? null : readJson<object>(row.snapshot),
  revision: Number(row.revision),
  state: String(row.state),
  createdAt: readDate(row.created_at),
  updatedAt: readDate(row.updated_at),
});

/** Where a push goes: the conversation's channel and the citizen's id on it (no snapshot read). */
export interface ConversationAddress {
  id: number;
  citizenId: number;
  channel: string;
  userId: string;
}

/** A conversation locked for a turn, and whether its citizen has a callback waiting. */
export type LockedConversation = Conversation & { hasPendingCallback: boolean };

export function createConversationRepository() {
  /**
   * On PostgreSQL the row lock makes a second process wait for this turn to commit, so turns of
   * one conversation never interleave. SQLite has a single writer already.
   */
  // Whether a satisfaction callback waits for this citizen, read with the lock: one round trip per
  // turn instead of two on PostgreSQL.
  const PENDING_CALLBACK = "(SELECT COUNT(*) FROM case_callbacks cb WHERE cb.citizen_id = conversations.citizen_id AND cb.status = 'asking') AS pending_callbacks";
  const findLocked = async (sql: SqlSession, channel: string, userId: string): Promise<LockedConversation | null> => {
    const lock = sql.engine === 'postgres' ? ' FOR UPDATE' : '';
    const row = await sql.get(`SELECT ${COLUMNS}, ${PENDING_CALLBACK} FROM conversations WHERE channel = ? AND user_id = ?${lock}`, [channel, userId]);
    return row ? { ...toConversation(row), hasPendingCallback: Number(row.pending_callbacks) > 0 } : null;
  };

  return {
    async address(sql: SqlSession, conversationId: number): Promise<ConversationAddress | null> {
      const row = await sql.get('SELECT id, citizen_id, channel, user_id FROM conversations WHERE id = ?', [conversationId]);
      return row ? { id: Number(row.id), citizenId: Number(row.citizen_id), channel: String(row.channel), userId: String(row.user_id) } : null;
    },

    /** The conversation of a (channel, user), locked for this turn; null for someone new. */
    findLocked,

    /** The same, read without a lock (outside any turn). */
    async find(sql: SqlSession, channel: string, userId: string): Promise<Conversation | null> {
      const row = await sql.get(`SELECT ${COLUMNS} FROM conversations WHERE channel = ? AND user_id = ?`, [channel, userId]);
      return row ? toConversation(row) : null;
    },

    async create(sql: SqlSession, citizen: Citizen, flowVersion: number, now: Date): Promise<LockedConversation> {
      await sql.run(
        'INSERT INTO conversations (citizen_id, channel, user_id, flow_version, snapshot, revision, state, created_at, updated_at) ' +
          "VALUES (?, ?, ?, ?, NULL, 0, 'new', ?, ?) ON CONFLICT DO NOTHING",
        [citizen.id, citizen.channel, citizen.externalId, flowVersion, now, now],
      );
      const created = await findLocked(sql, citizen.channel, citizen.externalId);
      if (!created) throw new Error('conversation vanished after insert');
      return created;
    },

    /** Optimistic check on top of the lock: a save against a stale revision changes nothing and throws. */
    async save(sql: SqlSession, conversation: Conversation, update: ConversationUpdate, now: Date): Promise<void> {
      const changed = await sql.run(
        'UPDATE conversations SET snapshot = ?, flow_version = ?, state = ?, revision = ?, updated_at = ? WHERE id = ? AND revision = ?',
        [JSON.stringify(update.snapshot), update.flowVersion, update.state, conversation.revision + 1, now, conversation.id, conversation.revision],
      );
      if (changed === 0) throw new ConcurrentTurnError();
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
