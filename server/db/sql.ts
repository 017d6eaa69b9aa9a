import type { EntityManager } from 'typeorm';

/**
 * Plain SQL for the conversation hot path. TypeORM's query building costs more than SQLite itself
 * (bench: ~0.35 ms of a 0.87 ms turn), and its SQLite driver inlines numbers into the SQL text, which
 * defeats statement caching. Statements here are written once with `?` placeholders and run on both
 * engines: prepared and cached on better-sqlite3, numbered `$n` for PostgreSQL.
 */
export type SqlValue = string | number | boolean | Date | null;
export type Row = Record<string, unknown>;

export interface SqlSession {
  readonly engine: 'sqlite' | 'postgres';
  all<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
}

/** The subset of better-sqlite3 the session uses. */
export interface SqliteDatabase {
  prepare(sql: string): {
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): { changes: number };
  };
}

/** TypeORM writes dates to SQLite as UTC `YYYY-MM-DD HH:MM:SS.SSS`; raw writes must match its reads. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

const sqliteValue = (value: SqlValue): unknown => {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
};

export function createSqliteSession(db: SqliteDatabase) {
  const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const args = (params: SqlValue[] = []) => params.map(sqliteValue);
  const session: SqlSession = {
    engine: 'sqlite',
    all: async <T extends Row>(sql: string, params?: SqlValue[]) => prepared(sql).all(...args(params)) as T[],
    get: async <T extends Row>(sql: string, params?: SqlValue[]) => prepared(sql).get(...args(params)) as T | undefined,
    run: async (sql, params) => prepared(sql).run(...args(params)).changes,
  };
  return {
    session,
    /** Synchronous statements for the transactor's BEGIN/COMMIT. */
    exec: (sql: string) => prepared(sql).run(),
  };
}

const numbered = new Map<string, string>();

/** `?` → `$1, $2, …` (the statements here never contain a literal question mark). */
export function toPostgres(sql: string): string {
  let converted = numbered.get(sql);
  if (converted === undefined) {
    let i = 0;
    converted = sql.replace(/\?/g, () => `$${++i}`);
    numbered.set(sql, converted);
  }
  return converted;
}

/**
 * Inside a transaction the manager carries its query runner; outside one (read models) each
 * statement borrows a pooled connection.
 */
export function createPostgresSession(manager: EntityManager): SqlSession {
  type Result = { records: unknown[]; affected?: number };
  const query = async (sql: string, params: SqlValue[] = []): Promise<Result> => {
    if (manager.queryRunner) return (await manager.queryRunner.query(toPostgres(sql), params, true)) as Result;
    const runner = manager.connection.createQueryRunner();
    try {
      return (await runner.query(toPostgres(sql), params, true)) as Result;
    } finally {
      await runner.release();
    }
  };
  return {
    engine: 'postgres',
    all: async <T extends Row>(sql: string, params?: SqlValue[]) => (await query(sql, params)).records as T[],
    get: async <T extends Row>(sql: string, params?: SqlValue[]) => (await query(sql, params)).records[0] as T | undefined,
    run: async (sql, params) => (await query(sql, params)).affected ?? 0,
  };
}

/** Dates come back as Date from PostgreSQL and as UTC text from SQLite. */
export function readDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}

/** simple-json columns: text on both engines. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
