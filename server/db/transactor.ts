import type { DataSource, EntityManager } from 'typeorm';

export type Engine = 'sqlite' | 'postgres';

/** Runs work in one database transaction. */
export interface Transactor {
  readonly engine: Engine;
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * SQLite has one connection and one writer: TypeORM would interleave two transactions on it and
 * fail ("cannot start a transaction within a transaction"), so writes queue through one path.
 * PostgreSQL runs transactions side by side and relies on row locks.
 */
export function createTransactor(dataSource: DataSource): Transactor {
  const engine: Engine = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  if (engine === 'postgres') {
    return { engine, run: (work) => dataSource.transaction(work) };
  }
  let tail: Promise<unknown> = Promise.resolve();
  return {
    engine,
    run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
      const result = tail.then(() => dataSource.transaction(work));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/** Positional parameter placeholders differ between the engines; raw SQL asks for them here. */
export function placeholder(engine: Engine, index: number): string {
  return engine === 'postgres' ? `$${index}` : '?';
}
