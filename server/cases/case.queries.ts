import type { CaseRepository } from '../db/repositories/case.repository.ts';
import type { CallbackRepository } from '../db/repositories/callback.repository.ts';
import type { CitizenRepository } from '../db/repositories/citizen.repository.ts';
import type { SqlSession } from '../db/sql.ts';
import type { FullCase } from '../db/entities.ts';
import { maskConfidential, toCaseView, type CaseView } from './case-views.ts';

export type { CaseView } from './case-views.ts';

/**
 * Read models for administrators. Confidential cases come masked: seeing the citizen's identity is a
 * separate, audited request (work.service `reveal`).
 */
export function createCaseQueries(sql: SqlSession, cases: CaseRepository, citizens: CitizenRepository, callbacks: CallbackRepository) {
  const view = async (record: FullCase, reveal = false): Promise<CaseView> => {
    const full = toCaseView(record, await cases.events(sql, record.id), await callbacks.latestFor(sql, record.id));
    return reveal ? full : maskConfidential(full);
  };
  return {
    view,
    async byTicketNo(ticketNo: string): Promise<CaseView | null> {
      const record = await cases.findByTicketNo(sql, ticketNo);
      return record ? view(record) : null;
    },

    async list(filter: Parameters<CaseRepository['list']>[1]): Promise<CaseView[]> {
      return Promise.all((await cases.list(sql, filter)).map((r) => view(r)));
    },

    async byCitizen(channel: string, userId: string): Promise<CaseView[]> {
      const citizen = await citizens.find(sql, channel, userId);
      if (!citizen) return [];
      const records = await cases.listByCitizen(sql, citizen.id);
      return Promise.all(records.map((r) => view(r)));
    },
  };
}

export type CaseQueries = ReturnType<typeof createCaseQueries>;
