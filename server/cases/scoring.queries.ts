import type { SqlSession } from '../db/sql.ts';

export interface UnitRates {
  unitCode: string;
  /** Callbacks answered in the month (excluded cases left out). */
  answered: number;
  contacted: number;
  resolved: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** Callbacks that ended without an answer in the month. */
  unreachable: number;
  /** 响应率, 解决率, 满意率 as plain shares of answered callbacks (满意 + 基本满意 count as satisfied here; the scoring issue may weight them). */
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

/** The Beijing calendar month `YYYY-MM` as a UTC range. */
export function beijingMonth(month: string): { from: Date; to: Date } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new Error(`month must be YYYY-MM, got ${month}`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  const from = new Date(Date.UTC(year, m - 1, 1) - 8 * 3_600_000);
  const to = new Date(Date.UTC(m === 12 ? year + 1 : year, m === 12 ? 0 : m, 1) - 8 * 3_600_000);
  return { from, to };
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * The monthly rates per unit, straight from `case_callbacks` (one row per resolution round, with the
 * unit that resolved it): one query, no bookkeeping tables to keep in step.
 */
export async function monthlyRates(sql: SqlSession, month: string): Promise<UnitRates[]> {
  const { from, to } = beijingMonth(month);
  const rows = await sql.all(
    `SELECT cb.unit_code AS unit_code,
            SUM(CASE WHEN cb.status = 'answered' THEN 1 ELSE 0 END) AS answered,
            SUM(CASE WHEN cb.status = 'answered' AND cb.contacted THEN 1 ELSE 0 END) AS contacted,
            SUM(CASE WHEN cb.status = 'answered' AND cb.resolved THEN 1 ELSE 0 END) AS resolved,
            SUM(CASE WHEN cb.status = 'answered' AND cb.satisfaction = '满意' THEN 1 ELSE 0 END) AS satisfied,
            SUM(CASE WHEN cb.status = 'answered' AND cb.satisfaction = '基本满意' THEN 1 ELSE 0 END) AS basically,
            SUM(CASE WHEN cb.status = 'answered' AND cb.satisfaction = '不满意' THEN 1 ELSE 0 END) AS dissatisfied,
            SUM(CASE WHEN cb.status = 'unreachable' THEN 1 ELSE 0 END) AS unreachable
       FROM case_callbacks cb JOIN cases c ON c.id = cb.case_id
      WHERE c.excluded_at IS NULL AND cb.unit_code IS NOT NULL AND cb.updated_at >= ? AND cb.updated_at < ?
        AND cb.status IN ('answered', 'unreachable')
      GROUP BY cb.unit_code ORDER BY cb.unit_code`,
    [from, to],
  );
  return rows.map((r) => {
    const n = (key: string) => Number(r[key] ?? 0);
    const answered = n('answered');
    return {
      unitCode: String(r.unit_code),
      answered,
      contacted: n('contacted'),
      resolved: n('resolved'),
      satisfied: n('satisfied'),
      basicallySatisfied: n('basically'),
      dissatisfied: n('dissatisfied'),
      unreachable: n('unreachable'),
      responseRate: share(n('contacted'), answered),
      resolutionRate: share(n('resolved'), answered),
      satisfactionRate: share(n('satisfied') + n('basically'), answered),
    };
  });
}
