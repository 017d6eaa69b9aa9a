import type { CaseRecord, CaseEvent } from '../db/entities.ts';
import type { CaseRepository } from '../db/repositories/case.repository.ts';
import type { CitizenRepository } from '../db/repositories/citizen.repository.ts';
import type { SqlSession } from '../db/sql.ts';

/** The public shape of a case (admin API). Field names are a contract: add, never rename. */
export interface CaseView {
  ticketNo: string;
  type: string;
  category: string | null;
  district: string | null;
  districtCode: string | null;
  street: string | null;
  streetCode: string | null;
  address: string | null;
  description: string;
  phone: string;
  name: string | null;
  confidential: boolean;
  status: string;
  unit: { code: string; name: string; kind: string } | null;
  /** The category tree's node id and its path ('城乡建设 > … > 暖气不热'); null for uncategorised cases. */
  categoryId: string | null;
  categoryPath: string | null;
  /** Why the unit was chosen and when it must answer (四级响应); nulls on cases filed before routing existed. */
  routing: { rule: string | null; responseLevel: string | null; dueAt: string | null };
  channel: string;
  createdAt: string;
  updatedAt: string;
  events: Array<{ type: string; actor: string; note: string | null; data: Record<string, unknown> | null; at: string }>;
}

export function toCaseView(record: CaseRecord, events: CaseEvent[]): CaseView {
  return {
    ticketNo: record.ticketNo,
    type: record.type,
    category: record.category,
    district: record.district,
    districtCode: record.districtCode,
    street: record.street,
    streetCode: record.streetCode,
    address: record.address,
    description: record.description,
    phone: record.phone,
    name: record.name,
    confidential: Boolean(record.confidential),
    status: record.status,
    unit: record.unitCode ? { code: record.unitCode, name: record.unitName ?? '', kind: record.unitKind ?? '' } : null,
    categoryId: record.categoryId,
    categoryPath: record.categoryPath,
    routing: { rule: record.routingRule, responseLevel: record.responseLevel, dueAt: record.dueAt ? record.dueAt.toISOString() : null },
    channel: record.channel,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    events: events.map((e) => ({ type: e.type, actor: e.actor, note: e.note, data: e.data, at: e.createdAt.toISOString() })),
  };
}

export function createCaseQueries(sql: SqlSession, cases: CaseRepository, citizens: CitizenRepository) {
  return {
    async byTicketNo(ticketNo: string): Promise<CaseView | null> {
      const record = await cases.findByTicketNo(sql, ticketNo);
      return record ? toCaseView(record, await cases.events(sql, record.id)) : null;
    },

    async byCitizen(channel: string, userId: string): Promise<CaseView[]> {
      const citizen = await citizens.find(sql, channel, userId);
      if (!citizen) return [];
      const records = await cases.listByCitizen(sql, citizen.id);
      return Promise.all(records.map(async (r) => toCaseView(r, await cases.events(sql, r.id))));
    },
  };
}

export type CaseQueries = ReturnType<typeof createCaseQueries>;
