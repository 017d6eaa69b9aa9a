import type { AuditEntry } from '../lifecycle-entities.ts';
import { readDate, readJson, type SqlSession } from '../sql.ts';

/** Who looked at or changed what, for actions that need a trace (revealing a confidential citizen). */
export function createAuditRepository() {
  return {
    async record(sql: SqlSession, entry: { actor: string; action: string; target: string; detail?: Record<string, unknown>; at: Date }): Promise<void> {
      await sql.run('INSERT INTO audit_log (actor, action, target, detail, created_at) VALUES (?, ?, ?, ?, ?)', [
        entry.actor, entry.action, entry.target, entry.detail ? JSON.stringify(entry.detail) : null, entry.at,
      ]);
    },

    async list(sql: SqlSession, limit: number): Promise<Array<Omit<AuditEntry, 'detail'> & { detail: Record<string, unknown> | null }>> {
      const rows = await sql.all('SELECT id, actor, action, target, detail, created_at FROM audit_log ORDER BY id DESC LIMIT ?', [limit]);
      return rows.map((r) => ({
        id: Number(r.id),
        actor: String(r.actor),
        action: String(r.action),
        target: String(r.target),
        detail: r.detail === null ? null : readJson<Record<string, unknown>>(r.detail),
        createdAt: readDate(r.created_at),
      }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
