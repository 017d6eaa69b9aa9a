import type { DataSource, EntityManager } from 'typeorm';
import { createPostgresSession, createSqliteSession, type SqliteDatabase, type SqlSession } from './sql.ts';

export type Engine = 'sqlite' | 'postgres';

/** What a unit of work gets: plain SQL for the hot path, the EntityManager for everything else. */
export interface Tx {
  sql: SqlSession;
  manager: EntityManager;
}

/** Runs work in one database transaction. */
export interface Transactor {
  readonly engine: Engine;
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Statements outside any transaction, for read models. */
  readonly reader: SqlSession;
}

/**
 * SQLite has one connection and one writer: two transactions interleaved on it would fail, so all
 * writes queue through one path here, on the raw better-sqlite3 handle (TypeORM's transaction
 * plumbing cost more than the statements it wraps). PostgreSQL runs transactions side by side and
 * relies on row locks.
 */
export function createTransactor(dataSource: DataSource): Transactor {
  if (dataSource.options.type === 'postgres') {
    return {
      engine: 'postgres',
      reader: createPostgresSession(dataSource.manager),
      run: (work) => dataSource.transaction((manager) => work({ sql: createPostgresSession(manager), manager })),
    };
  }
  const db = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase & { inTransaction: boolean } }).databaseConnection;
  return createSqliteGroupCommit(db, dataSource.manager);
}

interface QueuedWork {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Turns that queue up while one commits share the next commit, up to this many. */
const MAX_GROUP = 64;

/**
 * Group commit for SQLite. Work queues through one path (one connection, one writer); whatever is
 * waiting when a transaction starts runs in it, each unit inside its own savepoint so one failure
 * rolls back only itself. Every unit's result is released after the shared COMMIT, so nobody hears
 * "done" before it is durable. The commit writes the pages many turns share (the tail of the
 * messages table and its indexes) once instead of once per turn.
 */
function createSqliteGroupCommit(db: SqliteDatabase & { inTransaction: boolean }, manager: EntityManager): Transactor {
  const { session, exec } = createSqliteSession(db);
  const tx: Tx = { sql: session, manager };
  const queue: QueuedWork[] = [];
  let draining = false;

  async function runGroup(group: QueuedWork[]) {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    exec('BEGIN IMMEDIATE');
    try {
      for (const item of group) {
        exec('SAVEPOINT unit');
        try {
          const value = await item.work(tx);
          exec('RELEASE unit');
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (db.inTransaction) {
            exec('ROLLBACK TO unit');
            exec('RELEASE unit');
          }
          outcomes.push({ ok: false, error });
        }
      }
      if (!db.inTransaction) throw new Error('SQLite ended the transaction on its own');
      exec('COMMIT');
    } catch (error) {
      // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
      if (db.inTransaction) exec('ROLLBACK');
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  async function drain() {
    draining = true;
    try {
      while (queue.length > 0) await runGroup(queue.splice(0, MAX_GROUP));
    } finally {
      draining = false;
    }
  }

  return {
    engine: 'sqlite',
    reader: session,
    run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!draining) void drain();
      });
    },
  };
}
