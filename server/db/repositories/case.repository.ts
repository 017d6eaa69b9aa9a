import type { EntityManager } from 'typeorm';
import { CaseEventSchema, CaseSchema, type CaseEvent, type CaseRecord } from '../entities.ts';
import { placeholder, type Engine } from '../transactor.ts';

export type NewCase = Omit<CaseRecord, 'id' | 'ticketNo'>;
export type NewCaseEvent = Omit<CaseEvent, 'id'>;

/** The day part of a ticket number is Beijing's calendar day, whatever the server's time zone. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
}

/**
 * `J` + YYMMDD + a five-digit daily sequence: J26112300001. Five digits because Beijing takes about
 * 30,000 requests a day, more than four digits hold.
 */
export function formatTicketNo(day: string, sequence: number): string {
  return `J${day}${String(sequence).padStart(5, '0')}`;
}

export function createCaseRepository(engine: Engine) {
  // One statement on both engines: the upsert takes the row lock (PostgreSQL) or runs under the
  // single writer (SQLite), so two transactions can never draw the same number.
  const nextSequenceSql =
    `INSERT INTO ticket_sequences (day, last) VALUES (${placeholder(engine, 1)}, 1) ` +
    'ON CONFLICT (day) DO UPDATE SET last = ticket_sequences.last + 1 RETURNING last';

  return {
    async nextTicketNo(m: EntityManager, at: Date): Promise<string> {
      const day = beijingDay(at);
      const rows = (await m.query(nextSequenceSql, [day])) as Array<{ last: number | string }>;
      const last = rows[0]?.last;
      if (last === undefined) throw new Error('ticket sequence returned no row');
      return formatTicketNo(day, Number(last));
    },

    async insert(m: EntityManager, record: NewCase & { ticketNo: string }): Promise<number> {
      const result = await m.insert(CaseSchema, record);
      return Number(result.identifiers[0]?.id);
    },

    async insertEvent(m: EntityManager, event: NewCaseEvent): Promise<void> {
      // simple-json columns take plain objects; TypeORM's deep-partial type cannot express that.
      await m.insert(CaseEventSchema, event as never);
    },

    findByTicketNo(m: EntityManager, ticketNo: string): Promise<CaseRecord | null> {
      return m.findOne(CaseSchema, { where: { ticketNo } });
    },

    listByCitizen(m: EntityManager, citizenId: number): Promise<CaseRecord[]> {
      return m.find(CaseSchema, { where: { citizenId }, order: { id: 'DESC' } });
    },

    events(m: EntityManager, caseId: number): Promise<CaseEvent[]> {
      return m.find(CaseEventSchema, { where: { caseId }, order: { id: 'ASC' } });
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
