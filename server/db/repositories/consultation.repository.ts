import type { SqlSession } from '../sql.ts';

export interface ConsultationAsked {
  question: string;
  answered: boolean;
  entryId?: string;
  confidence?: number;
}

export interface ConsultationStats {
  total: number;
  answered: number;
  helped: number;
  /** Answered and "helped" over all consultations (一次性解决率); null before the first one. */
  firstContactResolution: number | null;
}

export function createConsultationRepository() {
  return {
    async insert(sql: SqlSession, conversation: { id: number; channel: string }, asked: ConsultationAsked, at: Date): Promise<void> {
      await sql.run(
        'INSERT INTO consultations (conversation_id, channel, question, answered, entry_id, confidence_pct, helped, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)',
        [
          conversation.id,
          conversation.channel,
          asked.question,
          asked.answered,
          asked.entryId ?? null,
          asked.confidence === undefined ? null : Math.round(asked.confidence * 100),
          at,
          at,
        ],
      );
    },

    /** The citizen's "did it help?" belongs to the conversation's latest consultation. */
    async recordFeedback(sql: SqlSession, conversationId: number, helped: boolean, at: Date): Promise<void> {
      await sql.run(
        'UPDATE consultations SET helped = ?, updated_at = ? WHERE id = (SELECT MAX(id) FROM consultations WHERE conversation_id = ?)',
        [helped, at, conversationId],
      );
    },

    /** The questions the base could not answer, most frequent first (exact text after trimming). */
    async gaps(sql: SqlSession, limit: number): Promise<Array<{ question: string; times: number; lastAsked: string }>> {
      const rows = await sql.all<{ question: string; times: number | string; last_asked: unknown }>(
        'SELECT question, COUNT(*) AS times, MAX(created_at) AS last_asked FROM consultations WHERE answered = ? OR helped = ? ' +
          'GROUP BY question ORDER BY COUNT(*) DESC, MAX(created_at) DESC LIMIT ?',
        [false, false, limit],
      );
      return rows.map((r) => ({ question: r.question, times: Number(r.times), lastAsked: String(r.last_asked instanceof Date ? r.last_asked.toISOString() : r.last_asked) }));
    },

    async stats(sql: SqlSession): Promise<ConsultationStats> {
      const row = await sql.get<{ total: number | string; answered: number | string | null; helped: number | string | null }>(
        'SELECT COUNT(*) AS total, SUM(CASE WHEN answered = ? THEN 1 ELSE 0 END) AS answered, ' +
          'SUM(CASE WHEN answered = ? AND helped = ? THEN 1 ELSE 0 END) AS helped FROM consultations',
        [true, true, true],
      );
      const total = Number(row?.total ?? 0);
      const helped = Number(row?.helped ?? 0);
      return { total, answered: Number(row?.answered ?? 0), helped, firstContactResolution: total ? helped / total : null };
    },
  };
}

export type ConsultationRepository = ReturnType<typeof createConsultationRepository>;
