import type { CaseEvent, CaseProgress, CaseRecord, FullCase } from '../entities.ts';
import { readDate, readJson, type SqlSession } from '../sql.ts';
import { beijingDate } from '../../clock.ts';

export type NewCase = Omit<CaseRecord, 'id' | 'ticketNo'>;

/** Lifecycle columns a transition may set (camelCase → column). */
export type CaseChanges = Partial<CaseProgress & Pick<CaseRecord, 'status' | 'unitCode' | 'unitName' | 'unitKind' | 'dueAt' | 'updatedAt'>>;
export type NewCaseEvent = Omit<CaseEvent, 'id'>;

/** The day part of a ticket number is Beijing's calendar day, whatever the server's time zone. */
export function beijingDay(at: Date): string {
  return beijingDate(at).slice(2).replaceAll('-', '');
}

/**
 * `J` + YYMMDD + a five-digit daily sequence: J26112300001. Five digits because Beijing takes about
 * 30,000 requests a day, more than four digits hold.
 */
export function formatTicketNo(day: string, sequence: number): string {
  return `J${day}${String(sequence).padStart(5, '0')}`;
}

const CASE_COLUMNS =
  'ticket_no, type, category, district_code, district, street_code, street, address, description, phone, name, confidential, ' +
  'status, unit_code, unit_name, unit_kind, category_id, category_path, routing_rule, response_level, due_at, ' +
  'channel, citizen_id, conversation_id, created_at, updated_at';

const PROGRESS_COLUMNS: Record<keyof CaseProgress, string> = {
  contactDueAt: 'contact_due_at',
  dispatchedAt: 'dispatched_at',
  acceptedAt: 'accepted_at',
  contactedAt: 'contacted_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  contactOverdueAt: 'contact_overdue_at',
  resolveOverdueAt: 'resolve_overdue_at',
  excludedAt: 'excluded_at',
  excludedReason: 'excluded_reason',
  escalatedAt: 'escalated_at',
  extensionDueAt: 'extension_due_at',
  extensionReason: 'extension_reason',
  lastUrgedAt: 'last_urged_at',
};
const CHANGE_COLUMNS: Record<keyof CaseChanges, string> = {
  ...PROGRESS_COLUMNS,
  status: 'status',
  unitCode: 'unit_code',
  unitName: 'unit_name',
  unitKind: 'unit_kind',
  dueAt: 'due_at',
  updatedAt: 'updated_at',
};
const FULL_COLUMNS = `id, ${CASE_COLUMNS}, ${Object.values(PROGRESS_COLUMNS).join(', ')}`;
const TEXT_PROGRESS = new Set<keyof CaseProgress>(['excludedReason', 'extensionReason']);

const toFullCase = (row: Record<string, unknown>): FullCase => {
  const progress = {} as Record<string, unknown>;
  for (const [key, column] of Object.entries(PROGRESS_COLUMNS) as Array<[keyof CaseProgress, string]>) {
    const value = row[column];
    progress[key] = value === null || value === undefined ? null : TEXT_PROGRESS.has(key) ? String(value) : readDate(value);
  }
  return { ...toCase(row), ...(progress as unknown as CaseProgress) };
};

const toCase = (row: Record<string, unknown>): CaseRecord => {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    id: Number(row.id),
    ticketNo: String(row.ticket_no),
    type: String(row.type),
    category: text('category'),
    districtCode: text('district_code'),
    district: text('district'),
    streetCode: text('street_code'),
    street: text('street'),
    address: text('address'),
    description: String(row.description),
    phone: String(row.phone),
    name: text('name'),
    confidential: row.confidential === true || row.confidential === 1,
    status: String(row.status),
    unitCode: text('unit_code'),
    unitName: text('unit_name'),
    unitKind: text('unit_kind'),
    categoryId: text('category_id'),
    categoryPath: text('category_path'),
    routingRule: text('routing_rule'),
    responseLevel: text('response_level'),
    dueAt: row.due_at === null || row.due_at === undefined ? null : readDate(row.due_at),
    channel: String(row.channel),
    citizenId: Number(row.citizen_id),
    conversationId: Number(row.conversation_id),
    createdAt: readDate(row.created_at),
    updatedAt: readDate(row.updated_at),
  };
};

const toEvent = (row: Record<string, unknown>): CaseEvent => ({
  id: Number(row.id),
  caseId: Number(row.case_id),
  type: String(row.type),
  actor: String(row.actor),
  note: row.note === null ? null : String(row.note),
  data: row.data === null ? null : readJson<Record<string, unknown>>(row.data),
  createdAt: readDate(row.created_at),
});

export function createCaseRepository() {
  return {
    /**
     * One statement on both engines: the upsert takes the row lock (PostgreSQL) or runs under the
     * single writer (SQLite), so two transactions never draw the same number, and a rolled-back
     * transaction gives its number back.
     */
    async nextTicketNo(sql: SqlSession, at: Date): Promise<string> {
      const day = beijingDay(at);
      const row = await sql.get<{ last: number | string }>(
        'INSERT INTO ticket_sequences (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = ticket_sequences.last + 1 RETURNING last',
        [day],
      );
      if (!row) throw new Error('ticket sequence returned no row');
      return formatTicketNo(day, Number(row.last));
    },

    /** A new case; one dispatched while filing carries its dispatch time and first-contact deadline. */
    async insert(sql: SqlSession, c: NewCase & { ticketNo: string; dispatchedAt?: Date | null; contactDueAt?: Date | null }): Promise<number> {
      const row = await sql.get<{ id: number }>(
        `INSERT INTO cases (${CASE_COLUMNS}, dispatched_at, contact_due_at) VALUES (${Array(28).fill('?').join(', ')}) RETURNING id`,
        [
          c.ticketNo, c.type, c.category, c.districtCode, c.district, c.streetCode, c.street, c.address, c.description, c.phone, c.name,
          c.confidential, c.status, c.unitCode, c.unitName, c.unitKind, c.categoryId, c.categoryPath, c.routingRule, c.responseLevel, c.dueAt,
          c.channel, c.citizenId, c.conversationId, c.createdAt, c.updatedAt, c.dispatchedAt ?? null, c.contactDueAt ?? null,
        ],
      );
      if (!row) throw new Error('case insert returned no id');
      return Number(row.id);
    },

    /** Several events in one statement (filing writes `received` and `dispatch` together). */
    async insertEvents(sql: SqlSession, events: NewCaseEvent[]): Promise<void> {
      if (events.length === 0) return;
      const values = events.flatMap((e) => [e.caseId, e.type, e.actor, e.note, e.data === null ? null : JSON.stringify(e.data), e.createdAt]);
      await sql.run(`INSERT INTO case_events (case_id, type, actor, note, data, created_at) VALUES ${events.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`, values);
    },

    async insertEvent(sql: SqlSession, e: NewCaseEvent): Promise<void> {
      await sql.run('INSERT INTO case_events (case_id, type, actor, note, data, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        e.caseId, e.type, e.actor, e.note, e.data === null ? null : JSON.stringify(e.data), e.createdAt,
      ]);
    },

    async findByTicketNo(sql: SqlSession, ticketNo: string): Promise<FullCase | null> {
      const row = await sql.get(`SELECT ${FULL_COLUMNS} FROM cases WHERE ticket_no = ?`, [ticketNo]);
      return row ? toFullCase(row) : null;
    },

    /** The case row locked for this transaction (PostgreSQL; SQLite has one writer anyway). */
    async findForUpdate(sql: SqlSession, where: { ticketNo: string } | { id: number }): Promise<FullCase | null> {
      const lock = sql.engine === 'postgres' ? ' FOR UPDATE' : '';
      const [column, value] = 'ticketNo' in where ? ['ticket_no', where.ticketNo] : ['id', where.id];
      const row = await sql.get(`SELECT ${FULL_COLUMNS} FROM cases WHERE ${column} = ?${lock}`, [value]);
      return row ? toFullCase(row) : null;
    },

    async listByCitizen(sql: SqlSession, citizenId: number): Promise<FullCase[]> {
      return (await sql.all(`SELECT ${FULL_COLUMNS} FROM cases WHERE citizen_id = ? ORDER BY id DESC`, [citizenId])).map(toFullCase);
    },

    async listByUnit(sql: SqlSession, unitCode: string, status: string | undefined, limit: number, beforeId?: number): Promise<FullCase[]> {
      const params: Array<string | number> = [unitCode];
      let where = 'unit_code = ?';
      if (status) {
        where += ' AND status = ?';
        params.push(status);
      }
      if (beforeId) {
        where += ' AND id < ?';
        params.push(beforeId);
      }
      params.push(limit);
      return (await sql.all(`SELECT ${FULL_COLUMNS} FROM cases WHERE ${where} ORDER BY id DESC LIMIT ?`, params)).map(toFullCase);
    },

    /** Back-office lists: by status, unit, escalation or a missed deadline, newest first. */
    async list(sql: SqlSession, filter: { status?: string; unitCode?: string; escalated?: boolean; overdue?: boolean; beforeId?: number; limit: number }): Promise<FullCase[]> {
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (filter.status) {
        where.push('status = ?');
        params.push(filter.status);
      }
      if (filter.unitCode) {
        where.push('unit_code = ?');
        params.push(filter.unitCode);
      }
      if (filter.escalated) where.push('escalated_at IS NOT NULL');
      if (filter.overdue) where.push('(contact_overdue_at IS NOT NULL OR resolve_overdue_at IS NOT NULL)');
      if (filter.beforeId) {
        where.push('id < ?');
        params.push(filter.beforeId);
      }
      params.push(filter.limit);
      const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      return (await sql.all(`SELECT ${FULL_COLUMNS} FROM cases${clause} ORDER BY id DESC LIMIT ?`, params)).map(toFullCase);
    },

    async update(sql: SqlSession, caseId: number, changes: CaseChanges): Promise<void> {
      const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as Array<[keyof CaseChanges, Date | string | null]>;
      if (entries.length === 0) return;
      const set = entries.map(([key]) => `${CHANGE_COLUMNS[key]} = ?`).join(', ');
      await sql.run(`UPDATE cases SET ${set} WHERE id = ?`, [...entries.map(([, v]) => v), caseId]);
    },

    /** Events on a unit's cases after a cursor (an event id), oldest first: a feed for units that poll. */
    async unitFeed(sql: SqlSession, unitCode: string, afterId: number, limit: number): Promise<Array<CaseEvent & { ticketNo: string }>> {
      const rows = await sql.all(
        'SELECT e.id, e.case_id, e.type, e.actor, e.note, e.data, e.created_at, c.ticket_no FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.unit_code = ? AND e.id > ? ORDER BY e.id LIMIT ?',
        [unitCode, afterId, limit],
      );
      return rows.map((row) => ({ ...toEvent(row), ticketNo: String(row.ticket_no) }));
    },

    async events(sql: SqlSession, caseId: number): Promise<CaseEvent[]> {
      return (await sql.all('SELECT id, case_id, type, actor, note, data, created_at FROM case_events WHERE case_id = ? ORDER BY id', [caseId])).map(toEvent);
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
