import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../server/runtime.ts';
import { createLogger } from '../server/logger.ts';
import { createManualClock } from '../server/clock.ts';
import { createTestDatabase, type TestDatabase } from '../test/helpers/databases.ts';
import { followCopy } from '../flows/followup/followup.copy.ts';
import { createMockWechat, type MockCitizen, type MockWechat } from './testing/mock-wechat.ts';
import { startWechatyChannel, WECHAT_CHANNEL, type WechatyChannel } from './wechaty-channel.ts';

const TICKET = /J\d{11}/;
const COMPLAINT = '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222，我姓王，不用保密';
// 10:00 in Beijing: outside quiet hours.
const MORNING = '2026-11-24T02:00:00.000Z';

/**
 * The citizen's side of the loop through WeChat (a real Wechaty on the mock puppet), the unit's
 * through the work service; the server (runtime and bot) is stopped and started again between steps.
 */
describe('the case loop through WeChat, across restarts', () => {
  let db: TestDatabase;
  let wechat: MockWechat;
  let runtime: Runtime;
  let channel: WechatyChannel;
  let citizen: MockCitizen;
  const clock = createManualClock(MORNING);

  async function startServer() {
    runtime = await createRuntime(db.config, { logger: createLogger('silent'), clock, understander: null });
    channel = await startWechatyChannel({
      runner: runtime.runner,
      logger: createLogger('silent'),
      wechaty: { sendIntervalMs: 5 },
      puppet: wechat.puppet,
      throttle: { jitterMs: 2, retryDelayMs: 5 },
    });
    runtime.outbox.registerChannel(WECHAT_CHANNEL, (address, replies) => channel.deliver(address.userId, replies));
    const loggedIn = new Promise<void>((resolve) => channel.bot.once('login', () => resolve()));
    wechat.login();
    await loggedIn;
  }
  async function restart() {
    await channel.stop();
    await runtime.close();
    await startServer();
  }

  beforeAll(async () => {
    db = await createTestDatabase('sqlite', { QUIET_HOURS: '22:00-08:00' });
    wechat = createMockWechat();
    await startServer();
    citizen = wechat.citizen('王先生');
  });

  afterAll(async () => {
    await channel?.stop();
    await runtime?.close();
    await db?.drop();
  });

  it('files, gets progress in the chat, answers the callback, and the case reopens and then closes', async () => {
    let reply = await citizen.ask(COMPLAINT);
    for (let i = 0; i < 5 && !TICKET.test(reply) ; i++) reply = await citizen.ask(reply.includes('确认') ? '确认' : '1');
    const ticketNo = TICKET.exec(reply)?.[0] ?? '';
    expect(ticketNo).toMatch(TICKET);
    const unit = { role: 'unit' as const, unitCode: (await runtime.work.getCase({ role: 'admin' }, ticketNo)).unit!.code };
    const work = (type: 'accept' | 'contact' | 'resolve', note?: string) => runtime.work.applyEvent(unit, ticketNo, { type, note });

    await restart();
    await work('accept');
    await work('contact', '已电话联系');
    await runtime.workers.tick();
    expect(await citizen.nextReply()).toBe(followCopy.contacted(ticketNo, '望京街道'));

    await restart();
    await work('resolve', '已协调环卫清运');
    await runtime.workers.tick();
    const invitation = await citizen.nextReply();
    expect(invitation).toContain('已协调环卫清运');
    expect(invitation).toContain(followCopy.callbackQuestions.contacted);

    await restart();
    expect(await citizen.ask('根本没人来')).toContain(followCopy.callbackQuestions.satisfaction);
    expect(await citizen.ask('3')).toContain(followCopy.reopened(ticketNo, '望京街道'));
    expect((await runtime.work.getCase({ role: 'admin' }, ticketNo)).status).toBe('reopened');

    await work('accept');
    await work('contact');
    await restart();
    await work('resolve', '已现场复查，加装了一个垃圾桶');
    await runtime.workers.tick();
    await citizen.nextReply(); // the contacted notice of the second round
    expect(await citizen.nextReply()).toContain('加装了一个垃圾桶');
    expect(await citizen.ask('挺好的，解决了')).toContain(followCopy.callbackQuestions.contacted);
    await restart();
    expect(await citizen.ask('联系过了')).toBe(followCopy.callbackThanks);

    const view = await runtime.work.getCase({ role: 'admin' }, ticketNo);
    expect(view.status).toBe('closed');
    expect(view.callback).toMatchObject({ round: 2, contacted: true, resolved: true, satisfaction: '满意' });
    // Nothing was sent twice across the restarts.
    await runtime.workers.tick();
    const pushes = citizen.inbox.filter((text) => text.includes(ticketNo) && (text.includes('已就工单') || text.includes('已办结')));
    expect(pushes).toHaveLength(4);
  });

  it('holds a push in quiet hours and sends it at 08:00, once', async () => {
    const li = wechat.citizen('李女士');
    let reply = await li.ask(COMPLAINT.replace('13811112222', '13922223333'));
    for (let i = 0; i < 5 && !TICKET.test(reply); i++) reply = await li.ask(reply.includes('确认') ? '确认' : '1');
    const ticketNo = TICKET.exec(reply)?.[0] ?? '';
    const unit = { role: 'unit' as const, unitCode: (await runtime.work.getCase({ role: 'admin' }, ticketNo)).unit!.code };
    clock.set('2026-11-24T15:30:00.000Z'); // 23:30 in Beijing
    await runtime.work.applyEvent(unit, ticketNo, { type: 'accept' });
    await runtime.work.applyEvent(unit, ticketNo, { type: 'contact' });
    await runtime.workers.tick();
    const before = li.inbox.length;
    await restart();
    clock.set('2026-11-25T00:00:00.000Z'); // 08:00
    await runtime.workers.tick();
    expect(await li.nextReply()).toBe(followCopy.contacted(ticketNo, '望京街道'));
    await runtime.workers.tick();
    expect(li.inbox.length).toBe(before + 1);
  });

  it('adds a photo to a case from the chat, checked and stored', async () => {
    clock.set(MORNING);
    const zhang = wechat.citizen('张先生');
    let reply = await zhang.ask(COMPLAINT.replace('13811112222', '13933334444'));
    for (let i = 0; i < 5 && !TICKET.test(reply); i++) reply = await zhang.ask(reply.includes('确认') ? '确认' : '1');
    const ticketNo = TICKET.exec(reply)?.[0] ?? '';
    expect(await zhang.ask('查进度')).toContain(ticketNo);
    expect(await zhang.ask('补充材料')).toBe(followCopy.askSupplement);
    zhang.sendImage();
    expect(await zhang.nextReply()).toBe(followCopy.supplemented(1));
    const files = await runtime.work.attachmentsOf({ role: 'admin' }, ticketNo);
    expect(files).toEqual([expect.objectContaining({ mime: 'image/png', source: 'wechat', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
  });
});
