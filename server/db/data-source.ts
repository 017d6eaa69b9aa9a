import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../config.ts';
import { ENTITIES } from './entities.ts';
import { MIGRATIONS } from './migrations/index.ts';

export interface DataSourceOptions {
  /** PostgreSQL schema to use (tests give each suite its own). */
  schema?: string;
  /** Throwaway test databases only: build tables from the entities instead of migrating. */
  synchronize?: boolean;
}

export function createDataSource(target: DatabaseTarget, options: DataSourceOptions = {}): DataSource {
  if (target.engine === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database: target.path,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      synchronize: options.synchronize ?? false,
      // WAL lets readers (the admin API) run beside the single writer; NORMAL is durable across
      // process crashes, which is the failure we guard against, at a fraction of FULL's cost.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
        // Checkpoints run in a worker (checkpointer.ts); this only bounds the WAL (~40 MB) if it stops.
        db.pragma('wal_autocheckpoint = 10000');
        db.pragma('foreign_keys = ON');
      },
    });
  }
  return new DataSource({
    type: 'postgres',
    url: target.url,
    schema: options.schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: options.synchronize ?? false,
    // Raw SQL (the ticket sequence) must find the same tables TypeORM does, so the schema is also
    // put on the connection's search path.
    extra: { max: 10, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) },
  });
}

/** Open the database and bring its schema up to date. */
export async function openDatabase(target: DatabaseTarget, options: DataSourceOptions = {}): Promise<DataSource> {
  const dataSource = createDataSource(target, options);
  await dataSource.initialize();
  if (!options.synchronize) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
