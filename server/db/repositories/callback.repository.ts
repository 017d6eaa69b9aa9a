import type { CallbackRecord } from '../lifecycle-entities.ts';
import { readDate, type SqlSession } from '../sql.ts';

const COLUMNS =
  'id, case_id, citizen_id, round, unit_code, status, asking, contacted, resolved, satisfaction, comment, reminders, channel, message_ids, resolved_at, asked_at, answered_at, updated_at';

const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === true || v === 1);
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const toCallback = (row: Record<string, unknown>): CallbackRecord => ({
  id: Number(row.id),
  caseId: Number(row.case_id),
  citizenId: Number(row.citizen_id),
  round: Number(row.round),
  unitCode: text(row.unit_code),
  status: String(row.status),
  asking: text(row.asking),
  contacted: bool(row.contacted),
  resolved: bool(row.resolved),
  satisfaction: text(row.satisfaction),
  comment: text(row.comment),
  reminders: Number(row.reminders),
  channel: text(row.channel),
  messageIds: text(row.message_ids),
  resolvedAt: readDate(row.resolved_at),
  askedAt: readDate(row.asked_at),
  answeredAt: row.answered_at === null || row.answered_at === undefined ? null : readDate(row.answered_at),
  updatedAt: readDate(row.updated_at),
});

export type CallbackChanges = Partial<Pick<CallbackRecord, 'status' | 'asking' | 'contacted' | 'resolved' | 'satisfaction' | 'comment' | 'reminders' | 'channel' | 'messageIds' | 'answeredAt' | 'updatedAt'>>;
const CHANGE_COLUMNS: Record<keyof CallbackChanges, string> = {
  status: 'status',
  asking: 'asking',
  contacted: 'contacted',
  resolved: 'resolved',
  satisfaction: 'satisfaction',
  comment: 'comment',
  reminders: 'reminders',
  channel: 'channel',
  messageIds: 'message_ids',
  answeredAt: 'answered_at',
  updatedAt: 'updated_at',
};

/** Satisfaction callbacks (回访), one per resolution round of a case. */
export function createCallbackRepository() {
  return {
    async insert(sql: SqlSession, c: { caseId: number; citizenId: number; round: number; unitCode: string | null; resolvedAt: Date; at: Date }): Promise<number> {
      const row = await sql.get<{ id: number }>(
        "INSERT INTO case_callbacks (case_id, citizen_id, round, unit_code, status, asking, reminders, resolved_at, asked_at, updated_at) VALUES (?, ?, ?, ?, 'asking', 'contacted', 0, ?, ?, ?) RETURNING id",
        [c.caseId, c.citizenId, c.round, c.unitCode, c.resolvedAt, c.at, c.at],
      );
      if (!row) throw new Error('callback insert returned no id');
      return Number(row.id);
    },

    /** The callback a citizen is being asked now (the newest, if a citizen has several). */
    async pendingFor(sql: SqlSession, citizenId: number): Promise<CallbackRecord | null> {
      const row = await sql.get(`SELECT ${COLUMNS} FROM case_callbacks WHERE citizen_id = ? AND status = 'asking' ORDER BY id DESC LIMIT 1`, [citizenId]);
      return row ? toCallback(row) : null;
    },

    async latestFor(sql: SqlSession, caseId: number): Promise<CallbackRecord | null> {
      const row = await sql.get(`SELECT ${COLUMNS} FROM case_callbacks WHERE case_id = ? ORDER BY round DESC LIMIT 1`, [caseId]);
      return row ? toCallback(row) : null;
    },

    async forCase(sql: SqlSession, caseId: number): Promise<CallbackRecord[]> {
      return (await sql.all(`SELECT ${COLUMNS} FROM case_callbacks WHERE case_id = ? ORDER BY round`, [caseId])).map(toCallback);
    },

    async update(sql: SqlSession, id: number, changes: CallbackChanges): Promise<void> {
      const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as Array<[keyof CallbackChanges, string | number | boolean | Date | null]>;
      if (entries.length === 0) return;
      await sql.run(`UPDATE case_callbacks SET ${entries.map(([k]) => `${CHANGE_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`, [...entries.map(([, v]) => v), id]);
    },
  };
}

export type CallbackRepository = ReturnType<typeof createCallbackRepository>;
