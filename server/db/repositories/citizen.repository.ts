import type { Citizen } from '../entities.ts';
import { readDate, type SqlSession } from '../sql.ts';

const SELECT = 'SELECT id, channel, external_id, created_at FROM citizens WHERE channel = ? AND external_id = ?';

const toCitizen = (row: Record<string, unknown>): Citizen => ({
  id: Number(row.id),
  channel: String(row.channel),
  externalId: String(row.external_id),
  createdAt: readDate(row.created_at),
});

export function createCitizenRepository() {
  return {
    async find(sql: SqlSession, channel: string, externalId: string): Promise<Citizen | null> {
      const row = await sql.get(SELECT, [channel, externalId]);
      return row ? toCitizen(row) : null;
    },

    async notificationsOff(sql: SqlSession, citizenId: number): Promise<boolean> {
      const row = await sql.get<{ off: unknown }>('SELECT notifications_off_at AS off FROM citizens WHERE id = ?', [citizenId]);
      return row?.off !== null && row?.off !== undefined;
    },

    async setNotifications(sql: SqlSession, citizenId: number, on: boolean, at: Date): Promise<void> {
      await sql.run('UPDATE citizens SET notifications_off_at = ? WHERE id = ?', [on ? null : at, citizenId]);
    },

    /** Safe when two processes see the same new citizen at once: the loser's insert is ignored. */
    async findOrCreate(sql: SqlSession, channel: string, externalId: string, now: Date): Promise<Citizen> {
      const existing = await this.find(sql, channel, externalId);
      if (existing) return existing;
      await sql.run('INSERT INTO citizens (channel, external_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [channel, externalId, now]);
      const created = await this.find(sql, channel, externalId);
      if (!created) throw new Error('citizen vanished after insert');
      return created;
    },
  };
}

export type CitizenRepository = ReturnType<typeof createCitizenRepository>;
