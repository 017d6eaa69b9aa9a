import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Written with TypeORM's schema builder instead of raw SQL so one migration serves SQLite and
 * PostgreSQL. Column types mirror server/db/entities.ts exactly; test/db/schema.test.ts fails when
 * they drift apart.
 */
export class InitialSchema1795000000001 implements MigrationInterface {
  name = 'InitialSchema1795000000001';

  async up(q: QueryRunner): Promise<void> {
    const date = q.connection.driver.options.type === 'postgres' ? 'timestamp without time zone' : 'datetime';
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const col = (name: string, type: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type, ...extra });
    const varchar = (name: string, length: number, nullable = false) => col(name, 'varchar', { length: String(length), isNullable: nullable });

    await q.createTable(
      new Table({
        name: 'citizens',
        columns: [id, varchar('channel', 32), varchar('external_id', 191), col('created_at', date)],
        uniques: [new TableUnique({ name: 'UQ_citizens_channel_external_id', columnNames: ['channel', 'external_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'conversations',
        columns: [
          id,
          col('citizen_id', 'integer'),
          varchar('channel', 32),
          varchar('user_id', 191),
          col('flow_version', 'integer'),
          col('snapshot', 'text', { isNullable: true }),
          col('revision', 'integer'),
          varchar('state', 64),
          col('created_at', date),
          col('updated_at', date),
        ],
        uniques: [
          new TableUnique({ name: 'UQ_conversations_citizen', columnNames: ['citizen_id'] }),
          new TableUnique({ name: 'UQ_conversations_channel_user', columnNames: ['channel', 'user_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'messages',
        columns: [
          id,
          col('conversation_id', 'integer'),
          col('citizen_id', 'integer'),
          varchar('channel', 32),
          varchar('direction', 8),
          varchar('channel_message_id', 191, true),
          col('in_reply_to', 'integer', { isNullable: true }),
          varchar('kind', 32),
          col('body', 'text'),
          col('created_at', date),
        ],
        uniques: [new TableUnique({ name: 'UQ_messages_channel_message_id', columnNames: ['channel', 'channel_message_id'] })],
      }),
    );
    await q.createIndex('messages', new TableIndex({ name: 'IDX_messages_citizen', columnNames: ['citizen_id', 'id'] }));
    await q.createTable(
      new Table({
        name: 'cases',
        columns: [
          id,
          varchar('ticket_no', 20),
          varchar('type', 8),
          varchar('category', 64, true),
          varchar('district_code', 12, true),
          varchar('district', 32, true),
          varchar('street_code', 12, true),
          varchar('street', 64, true),
          varchar('address', 255, true),
          col('description', 'text'),
          varchar('phone', 32),
          varchar('name', 64, true),
          col('confidential', 'boolean'),
          varchar('status', 20),
          varchar('unit_code', 32, true),
          varchar('unit_name', 128, true),
          varchar('unit_kind', 32, true),
          varchar('channel', 32),
          col('citizen_id', 'integer'),
          col('conversation_id', 'integer'),
          col('created_at', date),
          col('updated_at', date),
        ],
        uniques: [new TableUnique({ name: 'UQ_cases_ticket_no', columnNames: ['ticket_no'] })],
      }),
    );
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_citizen', columnNames: ['citizen_id'] }));
    await q.createTable(
      new Table({
        name: 'case_events',
        columns: [
          id,
          col('case_id', 'integer'),
          varchar('type', 32),
          varchar('actor', 64),
          col('note', 'text', { isNullable: true }),
          col('data', 'text', { isNullable: true }),
          col('created_at', date),
        ],
      }),
    );
    await q.createIndex('case_events', new TableIndex({ name: 'IDX_case_events_case', columnNames: ['case_id'] }));
    await q.createTable(
      new Table({
        name: 'ticket_sequences',
        columns: [col('day', 'varchar', { length: '8', isPrimary: true }), col('last', 'integer')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ticket_sequences', 'case_events', 'cases', 'messages', 'conversations', 'citizens']) {
      await q.dropTable(table);
    }
  }
}
