import type { CaseAttachment } from '../lifecycle-entities.ts';
import { readDate, type SqlSession } from '../sql.ts';

/** Files a citizen added to a case; the bytes live in the content-addressed store. */
export function createAttachmentRepository() {
  return {
    /** Returns false when the case already has this file (same content hash). */
    async add(sql: SqlSession, a: Omit<CaseAttachment, 'id'>): Promise<boolean> {
      const changed = await sql.run('INSERT INTO case_attachments (case_id, sha256, mime, size, source, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        a.caseId, a.sha256, a.mime, a.size, a.source, a.createdAt,
      ]);
      return changed > 0;
    },

    async forCase(sql: SqlSession, caseId: number): Promise<CaseAttachment[]> {
      const rows = await sql.all('SELECT id, case_id, sha256, mime, size, source, created_at FROM case_attachments WHERE case_id = ? ORDER BY id', [caseId]);
      return rows.map((r) => ({ id: Number(r.id), caseId: Number(r.case_id), sha256: String(r.sha256), mime: String(r.mime), size: Number(r.size), source: String(r.source), createdAt: readDate(r.created_at) }));
    },
  };
}

export type AttachmentRepository = ReturnType<typeof createAttachmentRepository>;
