import type { Config } from '../config.ts';
import { openDatabase } from '../db/data-source.ts';

export async function migrateCommand(config: Config): Promise<number> {
  const dataSource = await openDatabase(config.database);
  const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
  process.stdout.write(`Schema is up to date (${(applied as unknown[]).length} migrations applied).\n`);
  await dataSource.destroy();
  return 0;
}
