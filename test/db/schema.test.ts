import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../server/db/data-source.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';

describe.each(ENGINES)('database schema on %s', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    dataSource = await openDatabase(db.config.database, { schema: db.schema });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('matches the entities exactly after the migrations ran', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('runs the migrations again without changing anything', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied).toEqual([]);
  });
});
