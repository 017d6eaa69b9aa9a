import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Routing on the case: the category tree's node, the rule that chose the receiving unit and the
 * response level (四级响应) with its due time. All nullable: cases filed before keep nulls. Written with
 * the schema builder so one file serves SQLite and PostgreSQL; test/db/schema.test.ts checks it
 * against server/db/entities.ts.
 */
export class CaseRouting1795000000002 implements MigrationInterface {
  name = 'CaseRouting1795000000002';

  async up(q: QueryRunner): Promise<void> {
    const date = q.connection.driver.options.type === 'postgres' ? 'timestamp without time zone' : 'datetime';
    const varchar = (name: string, length: number) => new TableColumn({ name, type: 'varchar', length: String(length), isNullable: true });
    await q.addColumns('cases', [
      varchar('category_id', 32),
      varchar('category_path', 255),
      varchar('routing_rule', 128),
      varchar('response_level', 4),
      new TableColumn({ name: 'due_at', type: date, isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['due_at', 'response_level', 'routing_rule', 'category_path', 'category_id']) await q.dropColumn('cases', column);
  }
}
