import type { EntityManager } from 'typeorm';
import { CitizenSchema, type Citizen } from '../entities.ts';

export function createCitizenRepository() {
  return {
    find(m: EntityManager, channel: string, externalId: string): Promise<Citizen | null> {
      return m.findOne(CitizenSchema, { where: { channel, externalId } });
    },

    /** Safe when two processes see the same new citizen at once: the loser's insert is ignored. */
    async findOrCreate(m: EntityManager, channel: string, externalId: string, now: Date): Promise<Citizen> {
      const existing = await this.find(m, channel, externalId);
      if (existing) return existing;
      await m.createQueryBuilder().insert().into(CitizenSchema).values({ channel, externalId, createdAt: now }).orIgnore().execute();
      return m.findOneOrFail(CitizenSchema, { where: { channel, externalId } });
    },
  };
}

export type CitizenRepository = ReturnType<typeof createCitizenRepository>;
