import type { UnitKey, UnitWebhook } from '../lifecycle-entities.ts';
import { readDate, type SqlSession } from '../sql.ts';

/** Units' API keys (hashes only) and their webhooks. */
export function createUnitAccessRepository() {
  return {
    async addKey(sql: SqlSession, key: Omit<UnitKey, 'id' | 'revokedAt'>): Promise<number> {
      const row = await sql.get<{ id: number }>('INSERT INTO unit_keys (unit_code, key_hash, key_prefix, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id', [
        key.unitCode, key.keyHash, key.keyPrefix, key.createdBy, key.createdAt,
      ]);
      if (!row) throw new Error('unit key insert returned no id');
      return Number(row.id);
    },

    /** The unit a live key belongs to, by the key's hash. */
    async unitForKeyHash(sql: SqlSession, keyHash: string): Promise<string | null> {
      const row = await sql.get<{ unit_code: string }>('SELECT unit_code FROM unit_keys WHERE key_hash = ? AND revoked_at IS NULL', [keyHash]);
      return row ? String(row.unit_code) : null;
    },

    async revokeKey(sql: SqlSession, unitCode: string, keyId: number, at: Date): Promise<boolean> {
      return (await sql.run('UPDATE unit_keys SET revoked_at = ? WHERE id = ? AND unit_code = ? AND revoked_at IS NULL', [at, keyId, unitCode])) > 0;
    },

    async keys(sql: SqlSession, unitCode: string): Promise<Array<Omit<UnitKey, 'keyHash'>>> {
      const rows = await sql.all('SELECT id, unit_code, key_prefix, created_by, created_at, revoked_at FROM unit_keys WHERE unit_code = ? ORDER BY id', [unitCode]);
      return rows.map((r) => ({
        id: Number(r.id),
        unitCode: String(r.unit_code),
        keyPrefix: String(r.key_prefix),
        createdBy: String(r.created_by),
        createdAt: readDate(r.created_at),
        revokedAt: r.revoked_at === null || r.revoked_at === undefined ? null : readDate(r.revoked_at),
      }));
    },

    async setWebhook(sql: SqlSession, unitCode: string, url: string, secret: string, at: Date): Promise<void> {
      await sql.run(
        'INSERT INTO unit_webhooks (unit_code, url, secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (unit_code) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at',
        [unitCode, url, secret, at, at],
      );
    },

    async webhook(sql: SqlSession, unitCode: string): Promise<UnitWebhook | null> {
      const row = await sql.get('SELECT id, unit_code, url, secret, created_at, updated_at FROM unit_webhooks WHERE unit_code = ?', [unitCode]);
      if (!row) return null;
      return { id: Number(row.id), unitCode: String(row.unit_code), url: String(row.url), secret: String(row.secret), createdAt: readDate(row.created_at), updatedAt: readDate(row.updated_at) };
    },

    async removeWebhook(sql: SqlSession, unitCode: string): Promise<boolean> {
      return (await sql.run('DELETE FROM unit_webhooks WHERE unit_code = ?', [unitCode])) > 0;
    },
  };
}

export type UnitAccessRepository = ReturnType<typeof createUnitAccessRepository>;
