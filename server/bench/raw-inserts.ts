import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The few better-sqlite3 calls used here; the package ships no types and we add no @types. */
interface Statement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  pragma(sql: string): unknown;
  exec(sql: string): unknown;
  prepare(sql: string): Statement;
  close(): void;
}
type SqliteDatabaseConstructor = new (path: string) => SqliteDatabase;

const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteDatabaseConstructor;

export interface RawInsertResult {
  rows: number;
  rounds: number;
  /** The fastest round: other processes can only slow a round down, so the best is the machine's figure. */
  insertsPerSec: number;
}

function oneRound(path: string, rows: number): number {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE samples (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, label TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO samples (n, label) VALUES (?, ?)');
    const started = performance.now();
    for (let i = 0; i < rows; i++) insert.run(i, `row-${i}`);
    const elapsedMs = performance.now() - started;
    const counted = (db.prepare('SELECT COUNT(*) AS n FROM samples').get() as { n: number }).n;
    if (counted !== rows) throw new Error(`raw insert check failed: wrote ${rows} rows, found ${counted}`);
    return rows / (elapsedMs / 1000);
  } finally {
    db.close();
  }
}

/**
 * The machine's yardstick: how fast this disk and CPU commit tiny SQLite transactions with the same
 * settings production uses (WAL, synchronous=NORMAL), one prepared INSERT per row in autocommit, each
 * round on a fresh file. A conversation turn is a handful of such writes plus work, so turns/s divided
 * by this number is comparable across machines where absolute turns/s is not.
 */
export function measureRawInserts(directory: string, rows = 20_000, rounds = 3): RawInsertResult {
  let best = 0;
  for (let round = 1; round <= rounds; round++) best = Math.max(best, oneRound(join(directory, `raw-inserts-${round}.sqlite`), rows));
  return { rows, rounds, insertsPerSec: best };
}
