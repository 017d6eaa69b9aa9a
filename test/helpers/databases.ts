import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/config.ts';

/**
 * Database suites run on SQLite always and on PostgreSQL when TEST_POSTGRES_URL is set (CI sets it
 * when a server answers). Each test database is private: a temp file, or a fresh schema.
 */
export type EngineName = 'sqlite' | 'postgres';

export const postgresUrl = process.env.TEST_POSTGRES_URL;
export const ENGINES: EngineName[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  engine: EngineName;
  config: Config;
  /** PostgreSQL schema; pass to createRuntime/openDatabase. */
  schema?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: EngineName, env: Record<string, string> = {}): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-test-'));
    const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'test.sqlite')}`, LOG_LEVEL: 'silent', ...env });
    return { engine, config, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!postgresUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  // Attachments live on disk beside a SQLite file; for PostgreSQL suites, in a temp folder of their own.
  const files = mkdtempSync(join(tmpdir(), 'jiesu-test-files-'));
  const config = loadConfig({ DATABASE_URL: postgresUrl, LOG_LEVEL: 'silent', ATTACHMENTS_DIR: join(files, 'attachments'), ...env });
  return {
    engine,
    config,
    schema,
    drop: async () => {
      rmSync(files, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}
