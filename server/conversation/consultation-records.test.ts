import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../test/helpers/databases.ts';

describe.each(ENGINES)('consultation records on %s', (engine) => {
  let db: TestDatabase;
  let runtime: Runtime;
  const say = (userId: string, text: string) => runtime.runner.handle({ channel: 'test', userId, text });

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    runtime = await createRuntime(db.config, { schema: db.schema, logger: createLogger('silent') });
  });

  afterAll(async () => {
    await runtime?.close();
    await db?.drop();
  });

  it('counts an answered question the citizen found helpful towards first-contact resolution', async () => {
    await say('a', '请问社保卡丢了怎么补办？');
    await say('a', '解决了');
    expect(await runtime.consultations.stats()).toEqual({ total: 1, answered: 1, helped: 1, firstContactResolution: 1 });
  });

  it('lists what the base could not answer, most asked first', async () => {
    for (const user of ['b', 'c']) await say(user, '请问办理游艇驾驶证需要什么材料？');
    await say('d', '请问社保卡丢了怎么补办？');
    await say('d', '没解决');
    const gaps = await runtime.consultations.gaps(10);
    expect(gaps[0]).toMatchObject({ question: '请问办理游艇驾驶证需要什么材料？', times: 2 });
    expect(gaps.map((g) => g.question)).toContain('请问社保卡丢了怎么补办？');
    const stats = await runtime.consultations.stats();
    expect(stats.total).toBe(4);
    expect(stats.helped).toBe(1);
    expect(stats.firstContactResolution).toBeCloseTo(0.25);
  });
});
