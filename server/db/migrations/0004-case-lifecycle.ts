import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * The case lifecycle: step times and flags on the case (the monthly rates are plain queries on
 * them and on `case_callbacks`), the durable scheduler's jobs, the outbox of pushes and webhooks,
 * unit keys and webhooks, attachments and the audit log. Written with the schema builder so one
 * file serves SQLite and PostgreSQL; test/db/schema.test.ts checks it against server/db/entities.ts.
 */
export class CaseLifecycle1795000000004 implements MigrationInterface {
  name = 'CaseLifecycle1795000000004';

  async up(q: QueryRunner): Promise<void> {
    const date = q.connection.driver.options.type === 'postgres' ? 'timestamp without time zone' : 'datetime';
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const col = (name: string, type: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type, ...extra });
    const varchar = (name: string, length: number, nullable = false) => col(name, 'varchar', { length: String(length), isNullable: nullable });
    const when = (name: string, nullable = false) => col(name, date, { isNullable: nullable });

    await q.addColumns(
      'cases',
      [
        when('contact_due_at', true),
        when('dispatched_at', true),
        when('accepted_at', true),
        when('contacted_at', true),
        when('resolved_at', true),
        when('closed_at', true),
        when('contact_overdue_at', true),
        when('resolve_overdue_at', true),
        when('excluded_at', true),
        col('excluded_reason', 'text', { isNullable: true }),
        when('escalated_at', true),
        when('extension_due_at', true),
        col('extension_reason', 'text', { isNullable: true }),
        when('last_urged_at', true),
      ].map((c) => new TableColumn(c)),
    );
    await q.createIndex('cases', new TableIndex({ name: 'IDX_cases_unit_status', columnNames: ['unit_code', 'status'] }));
    await q.addColumn('citizens', new TableColumn(when('notifications_off_at', true)));

    await q.createTable(
      new Table({
        name: 'case_callbacks',
        columns: [
          id,
          col('case_id', 'integer'),
          col('citizen_id', 'integer'),
          col('round', 'integer'),
          varchar('unit_code', 32, true),
          varchar('status', 16),
          varchar('asking', 16, true),
          col('contacted', 'boolean', { isNullable: true }),
          col('resolved', 'boolean', { isNullable: true }),
          varchar('satisfaction', 8, true),
          col('comment', 'text', { isNullable: true }),
          col('reminders', 'integer'),
          varchar('channel', 32, true),
          col('message_ids', 'text', { isNullable: true }),
          when('resolved_at'),
          when('asked_at'),
          when('answered_at', true),
          when('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'UQ_case_callbacks_case_round', columnNames: ['case_id', 'round'] })],
      }),
    );
    await q.createIndex('case_callbacks', new TableIndex({ name: 'IDX_case_callbacks_citizen_status', columnNames: ['citizen_id', 'status'] }));

    await q.createTable(
      new Table({
        name: 'scheduled_jobs',
        columns: [
          id,
          varchar('kind', 32),
          col('case_id', 'integer'),
          col('round', 'integer'),
          when('run_at'),
          varchar('status', 12),
          col('attempts', 'integer'),
          col('last_error', 'text', { isNullable: true }),
          when('created_at'),
          when('done_at', true),
        ],
      }),
    );
    await q.createIndex('scheduled_jobs', new TableIndex({ name: 'IDX_scheduled_jobs_due', columnNames: ['status', 'run_at'] }));
    await q.createIndex('scheduled_jobs', new TableIndex({ name: 'IDX_scheduled_jobs_case', columnNames: ['case_id'] }));

    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          id,
          varchar('topic', 16),
          varchar('event', 48),
          col('case_id', 'integer', { isNullable: true }),
          col('citizen_id', 'integer', { isNullable: true }),
          varchar('unit_code', 32, true),
          col('payload', 'text'),
          col('urgent', 'boolean'),
          col('essential', 'boolean'),
          varchar('status', 12),
          col('attempts', 'integer'),
          when('available_at'),
          col('last_error', 'text', { isNullable: true }),
          when('created_at'),
          when('sent_at', true),
        ],
      }),
    );
    await q.createIndex('outbox', new TableIndex({ name: 'IDX_outbox_due', columnNames: ['status', 'available_at'] }));

    await q.createTable(
      new Table({
        name: 'unit_keys',
        columns: [id, varchar('unit_code', 32), varchar('key_hash', 64), varchar('key_prefix', 16), varchar('created_by', 64), when('created_at'), when('revoked_at', true)],
        uniques: [new TableUnique({ name: 'UQ_unit_keys_hash', columnNames: ['key_hash'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'unit_webhooks',
        columns: [id, varchar('unit_code', 32), varchar('url', 500), varchar('secret', 128), when('created_at'), when('updated_at')],
        uniques: [new TableUnique({ name: 'UQ_unit_webhooks_unit', columnNames: ['unit_code'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_attachments',
        columns: [id, col('case_id', 'integer'), varchar('sha256', 64), varchar('mime', 64), col('size', 'integer'), varchar('source', 32), when('created_at')],
        uniques: [new TableUnique({ name: 'UQ_case_attachments_case_hash', columnNames: ['case_id', 'sha256'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [id, varchar('actor', 64), varchar('action', 32), varchar('target', 64), col('detail', 'text', { isNullable: true }), when('created_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'case_attachments', 'unit_webhooks', 'unit_keys', 'outbox', 'scheduled_jobs', 'case_callbacks']) await q.dropTable(table);
    await q.dropColumn('citizens', 'notifications_off_at');
    await q.dropIndex('cases', 'IDX_cases_unit_status');
    for (const column of [
      'last_urged_at', 'extension_reason', 'extension_due_at', 'escalated_at', 'excluded_reason', 'excluded_at', 'resolve_overdue_at',
      'contact_overdue_at', 'closed_at', 'resolved_at', 'contacted_at', 'accepted_at', 'dispatched_at', 'contact_due_at',
    ]) {
      await q.dropColumn('cases', column);
    }
  }
}
