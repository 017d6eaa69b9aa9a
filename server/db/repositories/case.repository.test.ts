import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../data-source.ts';
import { createTransactor } from '../transactor.ts';
import { beijingDay, createCaseRepository, formatTicketNo } from './case.repository.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/helpers/databases.ts';

describe('ticket numbers', () => {
  it('use the calendar day in Beijing, not the server time zone', () => {
    expect(beijingDay(new Date('2026-11-23T15:59:59Z'))).toBe('261123');
    expect(beijingDay(new Date('2026-11-23T16:00:00Z'))).toBe('261124');
  });

  it('read as J, the day and a five-digit sequence', () => {
    expect(formatTicketNo('261123', 7)).toBe('J26112300007');
  });
});

describe.each(ENGINES)('drawing ticket numbers on %s', (engine) => {
  let db: TestDatabase;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    // Two data sources stand in for two server processes sharing one database.
    sources.push(await openDatabase(db.config.database, { schema: db.schema }));
    if (engine === 'postgres') sources.push(await openDatabase(db.config.database, { schema: db.schema }));
  });

  afterAll(async () => {
    for (const s of sources) await s.destroy();
    await db?.drop();
  });

  it('never hands out the same number twice, even to concurrent transactions', async () => {
    const at = new Date('2026-11-23T02:00:00Z');
    const draws = sources.flatMap((source) => {
      const transactor = createTransactor(source);
      const cases = createCaseRepository();
      return Array.from({ length: 40 }, () => transactor.run(({ sql }) => cases.nextTicketNo(sql, at)));
    });
    const numbers = await Promise.all(draws);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.toSorted()[0]).toBe('J26112300001');
    expect(numbers.toSorted().at(-1)).toBe(formatTicketNo('261123', numbers.length));
  });

  it('starts again at 1 on the next Beijing day', async () => {
    const source = sources[0]!;
    const transactor = createTransactor(source);
    const cases = createCaseRepository();
    const next = await transactor.run(({ sql }) => cases.nextTicketNo(sql, new Date('2026-11-24T01:00:00Z')));
    expect(next).toBe('J26112400001');
  });

  it('gives a number back when the transaction that drew it rolls back', async () => {
    const source = sources[0]!;
    const transactor = createTransactor(source);
    const cases = createCaseRepository();
    const at = new Date('2026-11-25T01:00:00Z');
    await expect(
      transactor.run(async ({ sql }) => {
        await cases.nextTicketNo(sql, at);
        throw new Error('filing failed');
      }),
    ).rejects.toThrow('filing failed');
    expect(await transactor.run(({ sql }) => cases.nextTicketNo(sql, at))).toBe('J26112500001');
  });
});
