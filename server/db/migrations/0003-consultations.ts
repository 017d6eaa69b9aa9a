import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One row per consultation: the question, whether the knowledge base answered it (and with which
 * entry), and whether the citizen said it helped. The first-contact resolution rate and the list of
 * unanswered questions (`jiesu kb gaps`) are plain queries on it.
 */
export class Consultations1795000000003 implements MigrationInterface {
  name = 'Consultations1795000000003';

  async up(q: QueryRunner): Promise<void> {
    const date = q.connection.driver.options.type === 'postgres' ? 'timestamp without time zone' : 'datetime';
    await q.createTable(
      new Table({
        name: 'consultations',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'conversation_id', type: 'integer' },
          { name: 'channel', type: 'varchar', length: '32' },
          { name: 'question', type: 'text' },
          { name: 'answered', type: 'boolean' },
          { name: 'entry_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'confidence_pct', type: 'integer', isNullable: true },
          { name: 'helped', type: 'boolean', isNullable: true },
          { name: 'created_at', type: date },
          { name: 'updated_at', type: date },
        ],
      }),
    );
    await q.createIndex('consultations', new TableIndex({ name: 'IDX_consultations_conversation', columnNames: ['conversation_id', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('consultations');
  }
}
