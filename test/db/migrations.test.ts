import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/db/data-source.ts';
import { MIGRATIONS } from '../../server/db/migrations/index.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';

/**
 * Migration 0002 adds the routing columns to `cases`. On SQLite TypeORM adds columns by rebuilding
 * the table, so this checks that cases filed before the upgrade survive it, with nulls in the new columns.
 */
describe.each(ENGINES)('upgrading a database with cases on %s', (engine) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('keeps existing cases when adding the routing columns', async () => {
    const [first, ...later] = MIGRATIONS;
    if (!first) throw new Error('no migrations');
    const template = createDataSource(db.config.database, { schema: db.schema });
    const old = new DataSource({ ...template.options, migrations: [first] });
    await old.initialize();
    await old.runMigrations();
    await old.query(
      'INSERT INTO cases (ticket_no, type, description, phone, confidential, status, unit_code, unit_name, unit_kind, channel, citizen_id, conversation_id, created_at, updated_at) ' +
        `VALUES ('J26112300001', '投诉', '楼下垃圾桶满了', '13811112222', ${engine === 'sqlite' ? 0 : 'false'}, 'received', '110105026', '望京街道', 'street', 'test', 1, 1, '2026-11-23 02:00:00', '2026-11-23 02:00:00')`,
    );
    await old.destroy();
    expect(later.length).toBeGreaterThan(0);

    const upgraded = createDataSource(db.config.database, { schema: db.schema });
    await upgraded.initialize();
    try {
      await upgraded.runMigrations();
      const rows = (await upgraded.query('SELECT ticket_no, unit_code, category_id, category_path, routing_rule, response_level, due_at FROM cases')) as unknown[];
      expect(rows).toEqual([
        { ticket_no: 'J26112300001', unit_code: '110105026', category_id: null, category_path: null, routing_rule: null, response_level: null, due_at: null },
      ]);
      const pending = await upgraded.driver.createSchemaBuilder().log();
      expect(pending.upQueries).toEqual([]);
    } finally {
      await upgraded.destroy();
    }
  });
});
