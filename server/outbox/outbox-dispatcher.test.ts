import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createLogger } from '../logger.ts';
import { createManualClock } from '../clock.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../test/helpers/databases.ts';
import type { Reply } from '../../flows/domain/reply.ts';
import { backoffMs } from './outbox-dispatcher.ts';
import type { WebhookPostResult } from '../webhooks/deliver-webhook.ts';

const START = '2026-11-24T02:00:00.000Z';

describe.each(ENGINES)('the outbox dispatcher on %s', (engine) => {
  let db: TestDatabase;
  let runtime: Runtime;
  const clock = createManualClock(START);
  const sent: Array<{ userId: string; replies: Reply[] }> = [];
  let behaviour: Array<boolean | 'offline' | 'throw'> = [];
  let webhookAnswer: WebhookPostResult = { ok: true, status: 204 };
  const webhookCalls: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    runtime = await createRuntime(db.config, {
      schema: db.schema,
      clock,
      logger: createLogger('silent'),
      understander: null,
      postWebhook: async (input) => {
        webhookCalls.push(`${input.event}:${input.deliveryId}`);
        return webhookAnswer;
      },
    });
    // A pretend push channel: fails, goes offline or succeeds as the test says.
    runtime.outbox.registerChannel('wechat', async (address, replies) => {
      const next = behaviour.shift() ?? true;
      if (next === 'throw') throw new Error('network down');
      if (next === true) sent.push({ userId: address.userId, replies });
      return next;
    });
  });

  afterAll(async () => {
    await runtime?.close();
    await db?.drop();
  });

  async function fileAndContact(userId: string): Promise<string> {
    const say = (text: string) => runtime.runner.handle({ channel: 'wechat', userId, text });
    let replies = (await say('朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222，我姓王，不用保密')).replies;
    if (!replies.some((r) => r.kind === 'case_filed')) replies = (await say('确认')).replies;
    const ticketNo = String(replies.find((r) => r.kind === 'case_filed')?.data?.ticketNo);
    const unit = { role: 'unit' as const, unitCode: (await runtime.work.getCase({ role: 'admin' }, ticketNo)).unit!.code };
    await runtime.work.applyEvent(unit, ticketNo, { type: 'accept' });
    await runtime.work.applyEvent(unit, ticketNo, { type: 'contact' });
    return ticketNo;
  }

  const statusOf = async (ticketNo: string) => {
    const items = await runtime.work.outboxOf(ticketNo);
    return items.filter((i) => i.topic === 'citizen').map((i) => ({ status: i.status, attempts: i.attempts }));
  };

  it('retries a failed push with back-off and delivers it once', async () => {
    clock.set(START);
    behaviour = [false, 'throw', true];
    const ticketNo = await fileAndContact('w-retry');
    await runtime.workers.tick();
    expect(sent.filter((s) => s.userId === 'w-retry')).toHaveLength(0);
    expect(await statusOf(ticketNo)).toEqual([{ status: 'pending', attempts: 1 }]);
    // Not due again before the back-off has passed.
    clock.advance(backoffMs(1) - 1000);
    await runtime.workers.tick();
    expect(await statusOf(ticketNo)).toEqual([{ status: 'pending', attempts: 1 }]);
    clock.advance(1000);
    await runtime.workers.tick();
    expect(await statusOf(ticketNo)).toEqual([{ status: 'pending', attempts: 2 }]);
    clock.advance(backoffMs(2));
    await runtime.workers.tick();
    await runtime.workers.tick();
    expect(await statusOf(ticketNo)).toEqual([{ status: 'sent', attempts: 3 }]);
    expect(sent.filter((s) => s.userId === 'w-retry')).toHaveLength(1);
    expect(sent.find((s) => s.userId === 'w-retry')?.replies[0]?.data).toMatchObject({ ticketNo, step: 'contacted' });
  });

  it('keeps pushes while the channel is offline without using up attempts', async () => {
    clock.set(START);
    behaviour = Array<'offline'>(20).fill('offline');
    const ticketNo = await fileAndContact('w-offline');
    for (let i = 0; i < 20; i++) {
      await runtime.workers.tick();
      clock.advance(60_000);
    }
    expect(await statusOf(ticketNo)).toEqual([{ status: 'pending', attempts: 0 }]);
    behaviour = [];
    await runtime.workers.tick();
    expect(await statusOf(ticketNo)).toEqual([{ status: 'sent', attempts: 1 }]);
    expect(sent.filter((s) => s.userId === 'w-offline')).toHaveLength(1);
  });

  it('logs a delivered push in the conversation, once', async () => {
    const rows = await runtime.transactor.reader.all(
      "SELECT m.kind FROM messages m JOIN citizens c ON c.id = m.citizen_id WHERE c.external_id = ? AND m.direction = 'out' AND m.in_reply_to IS NULL",
      ['w-offline'],
    );
    expect(rows.map((r) => r.kind)).toEqual(['notice']);
  });

  it('gives up on a webhook the receiver refuses, shows it to operators, and sends it again when asked', async () => {
    clock.set(START);
    const unitCode = '110105026';
    await runtime.work.setWebhook(unitCode, 'http://127.0.0.1:9/hook', 'admin');
    webhookAnswer = { ok: false, status: 400, error: 'receiver said 400', retryable: false };
    await fileAndContact('w-hook');
    await runtime.workers.tick();
    const dead = await runtime.work.outboxList('dead', 10);
    expect(dead.items.map((i) => i.event)).toEqual(['case.dispatched']);
    expect(dead.counts.dead).toBe(1);
    const deliveryId = webhookCalls.at(-1)?.split(':')[1];

    webhookAnswer = { ok: true, status: 204 };
    await runtime.work.requeuePush(dead.items[0]!.id, 'admin');
    await runtime.workers.tick();
    expect((await runtime.work.outboxList('dead', 10)).items).toEqual([]);
    // The same delivery id again, so a receiver that did take it the first time can tell.
    expect(webhookCalls.filter((c) => c === `case.dispatched:${deliveryId}`)).toHaveLength(2);
    await expect(runtime.work.requeuePush(dead.items[0]!.id, 'admin')).rejects.toThrow(/No dead or skipped push/);
    await runtime.work.removeWebhook(unitCode, 'admin');
  });
});
