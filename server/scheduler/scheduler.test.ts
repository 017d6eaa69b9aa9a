import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createLogger } from '../logger.ts';
import { createManualClock } from '../clock.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../test/helpers/databases.ts';
import type { WebhookPost } from '../webhooks/deliver-webhook.ts';

const HOUR = 3_600_000;
const START = '2026-11-24T02:00:00.000Z';
const CASES = 12;

/** Files a whole complaint in one message and confirms it. */
async function fileCase(runtime: Runtime, userId: string): Promise<string> {
  const say = (text: string) => runtime.runner.handle({ channel: 'rest', userId, text });
  let replies = (await say(`朝阳区望京街道花家地北里${userId.length}号楼下垃圾桶满了三天没人清理，电话13811112222，我姓王，不用保密`)).replies;
  for (let i = 0; i < 6; i++) {
    const filed = replies.find((r) => r.kind === 'case_filed');
    if (filed) return String(filed.data?.ticketNo);
    const asked = replies.findLast((r) => r.kind === 'question' || r.kind === 'confirm');
    replies = (await say(asked?.kind === 'confirm' ? '确认' : asked?.slot === 'category' ? '1' : '不需要保密')).replies;
  }
  throw new Error(`not filed: ${JSON.stringify(replies)}`);
}

describe.each(ENGINES)('the durable scheduler and outbox on %s', (engine) => {
  let db: TestDatabase;
  const clock = createManualClock(START);
  const posted: WebhookPost[] = [];
  const post = async (input: WebhookPost) => {
    posted.push(input);
    return { ok: true as const, status: 204 };
  };
  let first: Runtime;
  let tickets: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    first = await createRuntime(db.config, { schema: db.schema, clock, logger: createLogger('silent'), understander: null, postWebhook: post });
    const unit = await first.work.getCase({ role: 'admin' }, await fileCase(first, 'u0'));
    await first.work.setWebhook(unit.unit!.code, 'http://127.0.0.1:9/hook', 'admin');
    tickets = [unit.ticketNo];
    for (let i = 1; i < CASES; i++) tickets.push(await fileCase(first, `u${i}`));
  });

  afterAll(async () => {
    await first?.close();
    await db?.drop();
  });

  it('keeps timers across a restart and fires each exactly once, even with two instances ticking at once', async () => {
    await first.close();
    // "Restart": new runtimes on the same database. On PostgreSQL two instances run side by side.
    const instances = [await createRuntime(db.config, { schema: db.schema, clock, logger: createLogger('silent'), understander: null, postWebhook: post })];
    if (engine === 'postgres') instances.push(await createRuntime(db.config, { schema: db.schema, clock, logger: createLogger('silent'), understander: null, postWebhook: post }));
    first = instances[0]!;
    try {
      clock.advance(25 * HOUR);
      await Promise.all(instances.flatMap((r) => [r.workers.tick(), r.workers.tick()]));
      for (const ticketNo of tickets) {
        const view = await first.work.getCase({ role: 'admin' }, ticketNo);
        // A 24-hour case: reminder at +12 h, first contact and resolution both due at +24 h.
        for (const type of ['unit_reminded', 'overdue_contact', 'overdue_resolve']) expect(view.events.filter((e) => e.type === type)).toHaveLength(1);
        expect(view.flags.contactOverdueAt).not.toBeNull();
      }
      // Each webhook delivery left once: the dispatches filed after the webhook was set, and every overdue notice.
      const ids = posted.map((p) => p.deliveryId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(posted.filter((p) => p.event === 'case.dispatched')).toHaveLength(CASES - 1);
      expect(posted.filter((p) => p.event === 'case.overdue')).toHaveLength(2 * CASES);
      expect(posted.filter((p) => p.event === 'case.due_soon')).toHaveLength(CASES);
      // The clock stepped through its three checkpoints, one timer row each, and has nothing left.
      const jobs = await first.transactor.reader.all('SELECT status, COUNT(*) AS n FROM scheduled_jobs GROUP BY status');
      expect(Object.fromEntries(jobs.map((row) => [row.status, Number(row.n)]))).toEqual({ done: 3 * CASES });
    } finally {
      for (const r of instances.slice(1)) await r.close();
    }
  });
});
