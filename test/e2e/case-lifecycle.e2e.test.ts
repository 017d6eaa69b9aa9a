import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRuntime, type Runtime } from '../../server/runtime.ts';
import { createHttpApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { createManualClock } from '../../server/clock.ts';
import { createWebhookVerifier } from '../../server/webhooks/signing.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { createWorkClient, type JsonBody, type WorkClient } from '../helpers/work-client.ts';
import { followCopy } from '../../flows/followup/followup.copy.ts';
import type { Reply } from '../../flows/domain/reply.ts';

const CHANNEL_KEY = 'lifecycle-channel-key-0001';
const ADMIN_KEY = 'lifecycle-admin-key-000001';
const HOUR = 3_600_000;
// 10:00 in Beijing.
const MORNING = '2026-11-24T02:00:00.000Z';
const COMPLAINT = '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222';

/** A unit's system that receives webhooks and checks them as the README tells units to. */
async function startReceiver() {
  const received: Array<{ event: string; body: JsonBody; verdict: string; headers: Record<string, string | string[] | undefined>; raw: string }> = [];
  let verify: ReturnType<typeof createWebhookVerifier>['verify'] | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const verdict = verify ? verify(req.headers, raw) : { ok: false as const, reason: 'no secret' };
      received.push({ event: String(req.headers['x-jiesu-event']), body: JSON.parse(raw), verdict: verdict.ok ? 'ok' : verdict.reason, headers: req.headers, raw });
      res.statusCode = verdict.ok ? 204 : 401;
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jiesu`,
    received,
    useSecret(secret: string, now: () => number) {
      verify = createWebhookVerifier({ secret, now }).verify;
    },
    /** The receiver's own check of a request it already accepted, sent again verbatim. */
    replay(index: number) {
      const r = received[index];
      if (!r || !verify) throw new Error('nothing to replay');
      return verify(r.headers, r.raw);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe.each(ENGINES)('case lifecycle over HTTP on %s', (engine) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let server: Server;
  let api: WorkClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const clock = createManualClock(MORNING);
  let unitKey = '';
  let unitCode = '';

  const tick = () => runtime.workers.tick();
  const kinds = (replies: Reply[]) => replies.map((r) => `${r.kind}${r.slot ? `/${r.slot}` : ''}`);

  beforeAll(async () => {
    db = await createTestDatabase(engine, { CHANNEL_API_KEY: CHANNEL_KEY, ADMIN_API_KEY: ADMIN_KEY });
    runtime = await createRuntime(db.config, { schema: db.schema, logger: createLogger('silent'), clock, understander: null });
    server = createHttpApp(runtime).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    api = createWorkClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { channel: CHANNEL_KEY, admin: ADMIN_KEY });
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await receiver?.close();
    await runtime?.close();
    await db?.drop();
  });

  it('dispatches a case the bot files to the routed unit at once, and lets the unit in with its own key', async () => {
    clock.set(MORNING);
    const wang = api.citizen('wang');
    const ticketNo = await wang.file(COMPLAINT);
    const read = await api.admin('GET', `/api/v1/cases/${ticketNo}`);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('dispatched');
    expect(read.body.steps.dispatchedAt).toBe(MORNING);
    unitCode = read.body.unit.code;
    // A 24-hour-or-longer case: first contact within a day, resolution by the response level.
    expect(new Date(read.body.deadlines.contactDueAt).getTime() - Date.parse(MORNING)).toBeLessThanOrEqual(24 * HOUR);

    const minted = await api.admin('POST', `/api/v1/units/${unitCode}/keys`);
    expect(minted.status).toBe(201);
    unitKey = minted.body.key;
    expect(unitKey).toMatch(/^jsu_/);
    // Only a hash is stored.
    const stored = await runtime.transactor.reader.all('SELECT key_hash FROM unit_keys');
    expect(stored.map((r) => r.key_hash)).not.toContain(unitKey);
    expect(JSON.stringify(stored)).not.toContain(unitKey.slice(4));

    const list = await api.unit(unitKey).get(`/api/v1/units/${unitCode}/cases?status=dispatched`);
    expect(list.status).toBe(200);
    expect(list.body.cases.map((c: { ticketNo: string }) => c.ticketNo)).toContain(ticketNo);
  });

  it('works the whole loop: accept, contact, resolve, "not solved" reopens, resolve again, "solved, satisfied" closes', async () => {
    clock.set(MORNING);
    const li = api.citizen('li');
    const ticketNo = await li.file(COMPLAINT.replace('13811112222', '13922223333'));
    const unit = api.unit(unitKey);
    const transcript: string[] = [];
    const log = (who: string, replies: Reply[]) => replies.forEach((r) => transcript.push(`${who} [${r.kind}${r.slot ? `/${r.slot}` : ''}] ${r.text}`));

    expect((await unit.event(ticketNo, 'accept')).status).toBe(200);
    clock.advance(HOUR);
    expect((await unit.event(ticketNo, 'contact', '已电话联系市民，约定今天下午清运')).body.status).toBe('in_progress');
    await tick();
    const contacted = await li.pushes();
    log('push', contacted);
    expect(kinds(contacted)).toEqual(['notice']);
    expect(contacted[0]?.data).toMatchObject({ ticketNo, step: 'contacted' });

    clock.advance(3 * HOUR);
    const resolved = await unit.event(ticketNo, 'resolve', '已协调环卫清运垃圾桶，并增加每日清运一次');
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('callback');
    await tick();
    const invitation = await li.pushes();
    log('push', invitation);
    expect(kinds(invitation)).toEqual(['callback', 'callback/contacted']);
    expect(invitation[0]?.text).toContain('已协调环卫清运垃圾桶');
    expect(invitation[1]?.options?.length).toBeGreaterThanOrEqual(2);

    // "Nobody came" answers two questions at once: not contacted, not solved.
    let replies = await li.say('根本没人来');
    log('li: 根本没人来 →', replies);
    expect(kinds(replies)).toEqual(['callback/satisfaction']);
    replies = await li.say('不满意');
    log('li: 不满意 →', replies);
    expect(replies[0]?.kind).toBe('callback');
    expect(replies[0]?.data).toMatchObject({ outcome: 'reopened', escalated: false });
    let view = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;
    expect(view.status).toBe('reopened');
    expect(view.callback).toMatchObject({ round: 1, status: 'answered', contacted: false, resolved: false, satisfaction: '不满意' });
    // The unit sees the citizen's words on the reopen, and its clock restarted.
    const reopen = view.events.find((e: { type: string }) => e.type === 'reopen');
    expect(reopen.note).toContain('根本没人来');
    expect(Date.parse(view.deadlines.contactDueAt)).toBeGreaterThan(Date.parse(MORNING) + 4 * HOUR);

    // Second round.
    expect((await unit.event(ticketNo, 'accept')).status).toBe(200);
    expect((await unit.event(ticketNo, 'contact')).status).toBe(200);
    expect((await unit.event(ticketNo, 'resolve', '已现场核实，垃圾桶已清空并加装了一个')).body.status).toBe('callback');
    await tick();
    log('push', await li.pushes());
    replies = await li.say('挺好的，解决了');
    log('li: 挺好的，解决了 →', replies);
    expect(kinds(replies)).toEqual(['callback/contacted']);
    replies = await li.say('联系过了');
    log('li: 联系过了 →', replies);
    expect(replies[0]).toMatchObject({ kind: 'callback', text: followCopy.callbackThanks });

    view = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;
    expect(view.status).toBe('closed');
    expect(view.callback).toMatchObject({ round: 2, status: 'answered', contacted: true, resolved: true, satisfaction: '满意', comment: expect.stringContaining('挺好的') });
    expect(view.events.map((e: { type: string }) => e.type)).toEqual([
      'received', 'dispatch', 'accept', 'contact', 'resolve', 'start_callback', 'callback_answered', 'reopen',
      'accept', 'contact', 'resolve', 'start_callback', 'callback_answered', 'callback_close',
    ]);
    const answered = view.events.filter((e: { type: string }) => e.type === 'callback_answered');
    expect(answered[1].data.messageIds).toHaveLength(2);
    // After closing, answers change nothing: the message is handled as a new one.
    await li.say('不满意');
    expect((await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body.callback.satisfaction).toBe('满意');
    expect(transcript.length).toBeGreaterThan(6);
  });

  it('escalates to an operator on the second "not solved"', async () => {
    clock.set(MORNING);
    const zhao = api.citizen('zhao');
    const ticketNo = await zhao.file(COMPLAINT.replace('13811112222', '13933334444'));
    const unit = api.unit(unitKey);
    for (let round = 1; round <= 2; round++) {
      await unit.event(ticketNo, 'accept');
      await unit.event(ticketNo, 'contact');
      await unit.event(ticketNo, 'resolve', '已处理');
      await zhao.say('联系了，但是问题还没解决，不满意');
    }
    const view = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;
    expect(view.status).toBe('reopened');
    expect(view.flags.escalatedAt).not.toBeNull();
    expect(view.events.map((e: { type: string }) => e.type)).toContain('escalated');
    const operators = await api.admin('GET', '/api/v1/cases?escalated=true');
    expect(operators.body.cases.map((c: { ticketNo: string }) => c.ticketNo)).toEqual([ticketNo]);
    expect((await api.admin('GET', '/api/v1/cases?escalated=maybe')).status).toBe(400);
  });

  it('refuses illegal steps with 409 and changes nothing; bad input gets a clear 4xx', async () => {
    clock.set(MORNING);
    const ticketNo = await api.citizen('sun').file(COMPLAINT.replace('13811112222', '13944445555'));
    const unit = api.unit(unitKey);
    const before = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;

    const early = await unit.event(ticketNo, 'resolve', '已处理');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('illegal_transition');
    expect(early.body.error.message).toMatch(/dispatched/);
    expect((await unit.event(ticketNo, 'contact')).status).toBe(409);
    expect((await unit.event(ticketNo, 'close')).status).toBe(403);
    expect((await unit.event(ticketNo, 'return')).status).toBe(422);
    expect((await unit.event(ticketNo, 'teleport')).status).toBe(400);
    expect((await api.admin('POST', `/api/v1/cases/${ticketNo}/events`, { type: 'dispatch', unitCode: 'NO-SUCH-UNIT' })).status).toBe(422);
    expect((await api.admin('POST', '/api/v1/cases/J99999999999/events', { type: 'close' })).status).toBe(404);

    const after = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;
    expect(after.status).toBe(before.status);
    expect(after.events).toEqual(before.events);
  });

  it('keeps units to their own cases and keys', async () => {
    clock.set(MORNING);
    const ticketNo = await api.citizen('qian').file(COMPLAINT.replace('13811112222', '13955556666'));
    const other = await api.admin('POST', '/api/v1/units/110108001/keys');
    expect(other.status).toBe(201);
    const stranger = api.unit(other.body.key);
    expect((await stranger.get(`/api/v1/cases/${ticketNo}`)).status).toBe(404);
    expect((await stranger.event(ticketNo, 'accept')).status).toBe(404);
    expect((await stranger.get(`/api/v1/units/${unitCode}/cases`)).status).toBe(403);
    expect((await stranger.get('/api/v1/audit')).status).toBe(403);
    expect((await api.call('POST', `/api/v1/units/${unitCode}/keys`, other.body.key)).status).toBe(403);
    expect((await api.call('GET', `/api/v1/cases/${ticketNo}`, CHANNEL_KEY)).status).toBe(401);
    expect((await api.admin('POST', '/api/v1/units/NO-SUCH-UNIT/keys')).status).toBe(404);

    expect((await api.admin('DELETE', `/api/v1/units/110108001/keys/${other.body.id}`)).status).toBe(204);
    expect((await stranger.get('/api/v1/units/110108001/cases')).status).toBe(401);
  });

  it('masks a confidential citizen to the unit; revealing needs an administrator and is audited', async () => {
    clock.set(MORNING);
    const ticketNo = await api.citizen('zhou').file(`${COMPLAINT.replace('13811112222', '13966667777')}，别让物业知道是我反映的，我姓周`);
    const asUnit = (await api.unit(unitKey).get(`/api/v1/cases/${ticketNo}`)).body;
    expect(asUnit.confidential).toBe(true);
    expect(asUnit.phone).toBe('139****7777');
    expect(asUnit.description).not.toContain('13966667777');
    expect((await api.call('POST', `/api/v1/cases/${ticketNo}/reveal`, unitKey, { reason: '需要联系' })).status).toBe(403);
    expect((await api.admin('POST', `/api/v1/cases/${ticketNo}/reveal`, {})).status).toBe(400);

    const revealed = await api.admin('POST', `/api/v1/cases/${ticketNo}/reveal`, { reason: '市民要求回电，需核实身份' });
    expect(revealed.body.phone).toBe('13966667777');
    const audit = (await api.admin('GET', '/api/v1/audit')).body.entries;
    expect(audit[0]).toMatchObject({ action: 'reveal_citizen', target: ticketNo, detail: { reason: '市民要求回电，需核实身份' } });
  });

  it('signs webhooks to the unit and the receiver refuses a replay', async () => {
    clock.set(MORNING);
    const set = await api.call('PUT', `/api/v1/units/${unitCode}/webhook`, unitKey, { url: receiver.url });
    expect(set.status).toBe(200);
    receiver.useSecret(set.body.secret, () => clock.now().getTime());
    expect((await api.call('PUT', `/api/v1/units/${unitCode}/webhook`, unitKey, { url: 'ftp://example' })).status).toBe(400);

    const ticketNo = await api.citizen('wu').file(COMPLAINT.replace('13811112222', '13977778888'));
    await tick();
    const dispatched = receiver.received.filter((r) => r.event === 'case.dispatched' && r.body.ticketNo === ticketNo);
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]?.verdict).toBe('ok');
    expect(dispatched[0]?.body.case.unit.code).toBe(unitCode);
    expect(receiver.replay(receiver.received.indexOf(dispatched[0]!))).toEqual({ ok: false, reason: 'replayed' });
    // Delivered once: another round sends nothing again.
    await tick();
    expect(receiver.received.filter((r) => r.event === 'case.dispatched' && r.body.ticketNo === ticketNo)).toHaveLength(1);

    // An overdue first contact flags the case and tells the unit.
    clock.advance(25 * HOUR);
    await tick();
    const view = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;
    expect(view.flags.contactOverdueAt).not.toBeNull();
    expect(view.events.map((e: { type: string }) => e.type)).toContain('overdue_contact');
    expect(receiver.received.some((r) => r.event === 'case.overdue' && r.body.ticketNo === ticketNo && r.verdict === 'ok')).toBe(true);
    expect((await api.call('DELETE', `/api/v1/units/${unitCode}/webhook`, unitKey)).status).toBe(204);
  });

  it('extends the deadline only with an administrator\'s approval, and tells the citizen', async () => {
    clock.set(MORNING);
    const feng = api.citizen('feng');
    const ticketNo = await feng.file(COMPLAINT.replace('13811112222', '13988889999'));
    const unit = api.unit(unitKey);
    await unit.event(ticketNo, 'accept');
    const due = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body.deadlines.dueAt;
    const later = new Date(Date.parse(due) + 5 * 24 * HOUR).toISOString();
    expect((await unit.event(ticketNo, 'extend', '需要协调物业和环卫两家', { dueAt: MORNING })).status).toBe(422);
    expect((await unit.event(ticketNo, 'extend', '需要协调物业和环卫两家', { dueAt: later })).status).toBe(200);
    expect((await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body.deadlines.dueAt).toBe(due);
    expect((await api.admin('POST', `/api/v1/cases/${ticketNo}/events`, { type: 'approve_extension' })).body.deadlines.dueAt).toBe(later);
    expect((await api.admin('POST', `/api/v1/cases/${ticketNo}/events`, { type: 'approve_extension' })).status).toBe(409);
    await tick();
    const pushed = await feng.pushes();
    expect(pushed.map((r) => r.data?.step)).toEqual(['extended']);
    expect(pushed[0]?.text).toContain('需要协调物业和环卫两家');
  });

  it('holds non-urgent pushes in quiet hours and delivers each once in the morning', async () => {
    clock.set('2026-11-24T15:00:00.000Z'); // 23:00 in Beijing
    const chen = api.citizen('chen');
    const ticketNo = await chen.file(COMPLAINT.replace('13811112222', '13811113333'));
    const unit = api.unit(unitKey);
    await unit.event(ticketNo, 'accept');
    await unit.event(ticketNo, 'contact', '夜间已电话联系');
    await tick();
    expect(await chen.pushes()).toEqual([]);
    clock.set('2026-11-24T23:59:00.000Z'); // 07:59
    await tick();
    expect(await chen.pushes()).toEqual([]);
    clock.set('2026-11-25T00:00:00.000Z'); // 08:00
    await tick();
    await tick();
    const morning = await chen.pushes();
    expect(morning.map((r) => r.data?.step)).toEqual(['contacted']);
    await tick();
    expect(await chen.pushes()).toEqual([]);
  });

  it('reminds twice a day apart, then records the citizen as unreachable and closes', async () => {
    clock.set(MORNING);
    const he = api.citizen('he');
    const ticketNo = await he.file(COMPLAINT.replace('13811112222', '13811114444'));
    const unit = api.unit(unitKey);
    await unit.event(ticketNo, 'accept');
    await unit.event(ticketNo, 'contact');
    await unit.event(ticketNo, 'resolve', '已清运');
    await tick();
    expect(kinds(await he.pushes())).toEqual(['notice', 'callback', 'callback/contacted']);
    clock.advance(24 * HOUR + 60_000);
    await tick();
    const first = await he.pushes();
    expect(kinds(first)).toEqual(['callback/contacted']);
    expect(first[0]?.text).toContain('回访还差一点');
    clock.advance(24 * HOUR);
    await tick();
    expect(kinds(await he.pushes())).toEqual(['callback/contacted']);
    clock.advance(24 * HOUR);
    await tick();
    expect(await he.pushes()).toEqual([]);
    const view = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;
    expect(view.status).toBe('closed');
    expect(view.callback).toMatchObject({ status: 'unreachable', contacted: null, resolved: null, satisfaction: null });
  });

  it('stops progress pushes when the citizen says so, but still asks the callback once, and turns them back on', async () => {
    clock.set(MORNING);
    const lu = api.citizen('lu');
    const ticketNo = await lu.file(COMPLAINT.replace('13811112222', '13811115555'));
    expect((await lu.say('不要再通知我了'))[0]?.text).toBe(followCopy.notificationsOff);
    const unit = api.unit(unitKey);
    await unit.event(ticketNo, 'accept');
    await unit.event(ticketNo, 'contact');
    await tick();
    expect(await lu.pushes()).toEqual([]);
    await unit.event(ticketNo, 'resolve', '已清运');
    await tick();
    expect(kinds(await lu.pushes())).toEqual(['callback', 'callback/contacted']);
    clock.advance(25 * HOUR);
    await tick();
    expect(await lu.pushes()).toEqual([]);
    expect((await lu.say('恢复通知'))[0]?.text).toBe(followCopy.notificationsOn);
    clock.advance(24 * HOUR);
    await tick();
    expect(kinds(await lu.pushes())).toEqual(['callback/contacted']);
  });

  it('follows a case in chat like a parcel: timeline, urge once a day, add information, withdraw', async () => {
    clock.set(MORNING);
    const ma = api.citizen('ma');
    const ticketNo = await ma.file(COMPLAINT.replace('13811112222', '13811116666'));
    await api.unit(unitKey).event(ticketNo, 'accept');
    await api.unit(unitKey).event(ticketNo, 'contact');
    await api.unit(unitKey).event(ticketNo, 'progress', '已联系环卫，明天上午清运');

    let replies = await ma.say('我反映的问题怎么样了');
    expect(replies[0]?.kind).toBe('case_status');
    expect(replies[0]?.text).toContain(ticketNo);
    expect(replies[0]?.text).toContain('已联系环卫，明天上午清运');
    expect(replies[0]?.text).toContain('办理时限');
    expect(replies[0]?.data?.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ step: '已受理' })]));

    replies = await ma.say('催办');
    expect(replies[0]?.text).toBe(followCopy.urged('望京街道'));
    await ma.say(ticketNo);
    replies = await ma.say('1');
    expect(replies[0]?.text).toBe(followCopy.urgedToday);
    clock.advance(24 * HOUR);
    await ma.say(ticketNo);
    expect((await ma.say('催办'))[0]?.text).toBe(followCopy.urged('望京街道'));

    await ma.say('查进度');
    expect((await ma.say('补充材料'))[0]?.text).toBe(followCopy.askSupplement);
    expect((await ma.say('垃圾桶旁边还有一堆建筑垃圾'))[0]?.text).toBe(followCopy.supplemented(1));

    await ma.say('查进度');
    expect((await ma.say('撤销工单'))[0]?.kind).toBe('confirm');
    expect((await ma.say('不撤销'))[0]?.text).toBe(followCopy.keptOpen);
    await ma.say('查进度');
    // Said in everyday words: 撤了吧 picks the withdrawal, 嗯 撤了吧 confirms it.
    expect((await ma.say('撤了吧'))[0]?.kind).toBe('confirm');
    expect((await ma.say('嗯 撤了吧'))[0]?.text).toBe(followCopy.withdrawn(ticketNo));

    const view = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;
    expect(view.status).toBe('withdrawn');
    // The unit hears of it all in its feed, even without a webhook.
    const feed = (await api.unit(unitKey).get(`/api/v1/units/${unitCode}/events?after=0&limit=500`)).body;
    const mine = feed.events.filter((e: { ticketNo: string }) => e.ticketNo === ticketNo).map((e: { type: string }) => e.type);
    expect(mine).toEqual(expect.arrayContaining(['urge', 'supplement', 'withdraw']));
    expect(feed.cursor).toBe(feed.events.at(-1).id);
    expect((await api.unit(unitKey).get(`/api/v1/units/${unitCode}/events?after=${feed.cursor}`)).body.events).toEqual([]);
    expect((await api.unit(unitKey).get('/api/v1/units/110108001/events')).status).toBe(403);
    const types = view.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'urge')).toHaveLength(2);
    expect(view.events.find((e: { type: string }) => e.type === 'supplement').note).toBe('垃圾桶旁边还有一堆建筑垃圾');
    // Someone else's ticket number shows nothing.
    const stranger = api.citizen('stranger');
    expect((await stranger.say(ticketNo))[0]?.text).toBe(followCopy.notYours(ticketNo));
    expect((await stranger.say('查进度'))[0]?.text).toBe(followCopy.noCases);
  });

  it('lists several open cases to pick from', async () => {
    clock.set(MORNING);
    const yang = api.citizen('yang');
    const first = await yang.file(COMPLAINT.replace('13811112222', '13811117777'));
    const second = await yang.file('朝阳区望京街道花家地北里5号楼路灯坏了一周了，电话13811117777');
    const replies = await yang.say('查一下我的工单');
    expect(replies[0]?.kind).toBe('case_status');
    expect(replies[0]?.options?.map((o) => o.value).sort()).toEqual([first, second].sort());
    const picked = await yang.say('2');
    expect(picked[0]?.kind).toBe('case_status');
    expect(picked[0]?.data?.ticketNo).toBe(replies[0]?.options?.[1]?.value);
  });

  it('takes a photo for a case through the API, checked and stored by its content hash', async () => {
    clock.set(MORNING);
    const xu = api.citizen('xu');
    const ticketNo = await xu.file(COMPLAINT.replace('13811112222', '13811118888'));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(17)]);
    const upload = (userId: string, body: Buffer, type: string) =>
      fetch(`${api.base}/api/v1/channels/rest/users/${userId}/cases/${ticketNo}/attachments?note=${encodeURIComponent('现场照片')}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CHANNEL_KEY}`, 'content-type': type },
        body,
      });
    const res = await upload('xu', png, 'image/png');
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { sha256: string };
    expect(saved.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await upload('xu', png, 'image/png')).status).toBe(200);
    expect((await upload('xu', Buffer.from('not an image at all'), 'image/png')).status).toBe(415);
    expect((await upload('someone-else', png, 'image/png')).status).toBe(404);

    const listed = await api.unit(unitKey).get(`/api/v1/cases/${ticketNo}/attachments`);
    expect(listed.body.attachments).toEqual([expect.objectContaining({ sha256: saved.sha256, mime: 'image/png', source: 'rest' })]);
    const file = await fetch(`${api.base}/api/v1/cases/${ticketNo}/attachments/${saved.sha256}`, { headers: { authorization: `Bearer ${unitKey}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
  });

  it('makes the monthly rates a plain query', async () => {
    const rates = await api.admin('GET', '/api/v1/reports/rates?month=2026-11');
    expect(rates.status).toBe(200);
    const row = rates.body.units.find((u: { unitCode: string }) => u.unitCode === unitCode);
    // From the loops above: li (not solved, then solved), zhao (two not solved), he (unreachable).
    expect(row.answered).toBeGreaterThanOrEqual(4);
    expect(row.unreachable).toBeGreaterThanOrEqual(1);
    expect(row.resolutionRate).toBeGreaterThan(0);
    expect(row.resolutionRate).toBeLessThan(1);
    expect((await api.admin('GET', '/api/v1/reports/rates?month=2026-13')).status).toBe(400);
  });
});
