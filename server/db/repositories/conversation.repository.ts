import type { EntityManager } from 'typeorm';
import { AppError } from '../../errors.ts';
import { ConversationSchema, type Citizen, type Conversation } from '../entities.ts';
import type { Engine } from '../transactor.ts';

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

export function createConversationRepository(engine: Engine) {
  /**
   * On PostgreSQL the row lock makes a second process wait for this turn to commit, so turns of
   * one conversation never interleave. SQLite has a single writer already.
   */
  const findLocked = (m: EntityManager, citizenId: number) => {
    const query = m.createQueryBuilder(ConversationSchema, 'c').where('c.citizen_id = :citizenId', { citizenId });
    if (engine === 'postgres') query.setLock('pessimistic_write');
    return query.getOne();
  };

  return {
    async lockOrCreate(m: EntityManager, citizen: Citizen, flowVersion: number, now: Date): Promise<Conversation> {
      const existing = await findLocked(m, citizen.id);
      if (existing) return existing;
      await m
        .createQueryBuilder()
        .insert()
        .into(ConversationSchema)
        .values({
          citizenId: citizen.id,
          channel: citizen.channel,
          userId: citizen.externalId,
          flowVersion,
          snapshot: null,
          revision: 0,
          state: 'new',
          createdAt: now,
          updatedAt: now,
        })
        .orIgnore()
        .execute();
      const created = await findLocked(m, citizen.id);
      if (!created) throw new Error('conversation vanished after insert');
      return created;
    },

    /** Optimistic check on top of the lock: a save against a stale revision changes nothing and throws. */
    async save(m: EntityManager, conversation: Conversation, update: ConversationUpdate, now: Date): Promise<void> {
      const result = await m
        .createQueryBuilder()
        .update(ConversationSchema)
        .set({ ...update, revision: conversation.revision + 1, updatedAt: now })
        .where('id = :id AND revision = :revision', { id: conversation.id, revision: conversation.revision })
        .execute();
      if (result.affected === 0) throw new ConcurrentTurnError();
    },

    findByCitizen(m: EntityManager, citizenId: number): Promise<Conversation | null> {
      return m.findOne(ConversationSchema, { where: { citizenId } });
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
