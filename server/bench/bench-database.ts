import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, parseDatabaseUrl, type Config } from '../config.ts';

export interface BenchDatabase {
  config: Config;
  /** PostgreSQL schema created for this run (dropped by dispose). */
  schema?: string;
  /** Human description for the report, without credentials. */
  label: string;
  dispose(): Promise<void>;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

/** Schema names go into DDL unquoted, so they are generated, never taken from input. */
const freshSchemaName = () => `bench_${randomBytes(5).toString('hex')}`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Where the conversations run: by default a new SQLite file in the run's temp directory (migrated on
 * open, as in production); `sqlite:<path>` uses that file; `postgres://…` gets a fresh schema that is
 * dropped afterwards, so a run never touches existing data.
 */
export async function prepareBenchDatabase(url: string | undefined, tempDir: string): Promise<BenchDatabase> {
  const databaseUrl = url ?? `sqlite:${join(tempDir, 'conversations.sqlite')}`;
  const label = url ? undefined : 'SQLite, a new file in a temp directory (WAL, synchronous=NORMAL)';
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const target = parseDatabaseUrl(databaseUrl);
  if (target.engine === 'sqlite') {
    return { config, label: label ?? `SQLite ${target.path} (WAL, synchronous=NORMAL)`, dispose: async () => undefined };
  }
  const schema = freshSchemaName();
  await withClient(target.url, (c) => c.query(`CREATE SCHEMA ${schema}`));
  return {
    config,
    schema,
    label: `PostgreSQL ${withoutPassword(target.url)} (schema ${schema})`,
    dispose: () => withClient(target.url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}
