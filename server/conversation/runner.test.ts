import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createManualClock } from '../clock.ts';
import { createConversationRunner } from './runner.ts';
import { createCitizenRepository } from '../db/repositories/citizen.repository.ts';
import { createConversationRepository } from '../db/repositories/conversation.repository.ts';
import { createMessageRepository } from '../db/repositories/message.repository.ts';
import { ConversationSchema, MessageSchema, CaseSchema } from '../db/entities.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../test/helpers/databases.ts';

const COMPLAINT = '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222';

describe.each(ENGINES)('conversation runner on %s', (engine) => {
  let db: TestDatabase;
  let runtime: Runtime;
  const clock = createManualClock('2026-11-23T02:00:00Z');
  let seq = 0;
  const say = (userId: string, text: string, messageId = `m-${++seq}`) => runtime.runner.handle({ channel: 'test', userId, text, messageId });

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    runtime = await createRuntime(db.config, { schema: db.schema, clock, logger: createLogger('silent') });
  });

  afterAll(async () => {
    await runtime?.close();
    await db?.drop();
  });

  async function fileComplaint(userId: string) {
    const transcript = [await say(userId, COMPLAINT)];
    for (const answer of ['王先生', '不需要保密', '确认']) transcript.push(await say(userId, answer));
    return transcript;
  }

  it('files a complaint told in one message after asking only what was missing', async () => {
    const transcript = await fileComplaint('citizen-a');
    const slotsAsked = transcript.flatMap((t) => t.replies.filter((r) => r.kind === 'question').map((r) => r.slot));
    expect(slotsAsked).toEqual(['name', 'confidential']);
    const filed = transcript.at(-1)!.replies.find((r) => r.kind === 'case_filed');
    expect(filed?.data?.ticketNo).toMatch(/^J26112300\d{3}$/);
    const saved = await runtime.cases.byTicketNo(String(filed?.data?.ticketNo));
    expect(saved).toMatchObject({ type: '投诉', district: '朝阳区', street: '望京街道', phone: '13811112222', name: '王先生', confidential: false });
    expect(saved?.address).toContain('花家地北里3号楼');
  });

  it('answers a redelivered message from the log and changes nothing', async () => {
    const first = await say('citizen-b', COMPLAINT, 'dup-1');
    const revisionBefore = (await runtime.dataSource.manager.findOneByOrFail(ConversationSchema, { userId: 'citizen-b' })).revision;
    const again = await say('citizen-b', COMPLAINT, 'dup-1');
    expect(again.duplicate).toBe(true);
    expect(again.replies).toEqual(first.replies);
    const conversation = await runtime.dataSource.manager.findOneByOrFail(ConversationSchema, { userId: 'citizen-b' });
    expect(conversation.revision).toBe(revisionBefore);
    expect(await runtime.dataSource.manager.countBy(MessageSchema, { channelMessageId: 'dup-1' })).toBe(1);
  });

  it('restarts politely when the saved conversation comes from an older flow version', async () => {
    await say('citizen-c', COMPLAINT);
    await runtime.dataSource.manager.update(ConversationSchema, { userId: 'citizen-c' }, { flowVersion: 0 });
    const result = await say('citizen-c', '你好');
    expect(result.replies[0]?.text).toContain('系统刚刚升级');
    expect(result.failed).toBeUndefined();
  });

  it('restarts politely when the saved snapshot cannot be restored', async () => {
    await say('citizen-d', COMPLAINT);
    // Written by something else (another process, an older release): the revision moves on too.
    const stored = await runtime.dataSource.manager.findOneByOrFail(ConversationSchema, { userId: 'citizen-d' });
    await runtime.dataSource.manager.update(ConversationSchema, { userId: 'citizen-d' }, { snapshot: { status: 'active', value: 'no-such-state' }, revision: stored.revision + 1 });
    const result = await say('citizen-d', '你好');
    expect(result.replies[0]?.text).toContain('系统刚刚升级');
  });

  it('notices when another process moved the conversation on, and restores the stored state', async () => {
    await say('citizen-i', '我要投诉');
    const stored = await runtime.dataSource.manager.findOneByOrFail(ConversationSchema, { userId: 'citizen-i' });
    // Another process answered the description question meanwhile: the stored revision is newer.
    const other = await createRuntime(db.config, { schema: db.schema, clock, logger: createLogger('silent') });
    await other.runner.handle({ channel: 'test', userId: 'citizen-i', text: '小区门口的路灯坏了一个星期了，晚上很黑' });
    await other.close();
    const result = await say('citizen-i', '海淀区中关村街道中关村东路18号院');
    expect(result.replies.at(-1)?.slot).toBe('phone');
    const after = await runtime.dataSource.manager.findOneByOrFail(ConversationSchema, { userId: 'citizen-i' });
    expect(after.revision).toBe(stored.revision + 2);
  });

  it('handles concurrent messages of one conversation one at a time', async () => {
    const results = await Promise.all(['你好', '帮助', '你好', '帮助', '你好'].map((text) => say('citizen-e', text)));
    expect(results.every((r) => !r.failed && r.replies.length > 0)).toBe(true);
    const conversation = await runtime.dataSource.manager.findOneByOrFail(ConversationSchema, { userId: 'citizen-e' });
    expect(conversation.revision).toBe(5);
  });

  it('keeps the whole turn out of the database when filing fails', async () => {
    const logger = createLogger('silent');
    const transactor = runtime.transactor;
    const failingRunner = createConversationRunner({
      transactor,
      citizens: createCitizenRepository(),
      conversations: createConversationRepository(),
      messages: createMessageRepository(),
      caseService: {
        file: async (sql) => {
          // Write something first, so a missing rollback would show.
          await sql.run(`INSERT INTO ticket_sequences (day, last) VALUES ('fail', 1)`);
          throw new Error('unit directory unavailable');
        },
      },
      clock,
      logger,
    });
    const userId = 'citizen-g';
    for (const text of [COMPLAINT, '王先生', '不需要保密']) await say(userId, text);
    const before = await runtime.dataSource.manager.findOneByOrFail(ConversationSchema, { userId });
    const messagesBefore = await runtime.dataSource.manager.countBy(MessageSchema, { conversationId: before.id });

    const result = await failingRunner.handle({ channel: 'test', userId, text: '确认', messageId: 'confirm-g' });

    expect(result.failed).toBe(true);
    expect(result.replies).toEqual([expect.objectContaining({ kind: 'error' })]);
    const after = await runtime.dataSource.manager.findOneByOrFail(ConversationSchema, { userId });
    expect(after.revision).toBe(before.revision);
    expect(await runtime.dataSource.manager.countBy(MessageSchema, { conversationId: before.id })).toBe(messagesBefore);
    expect(await runtime.dataSource.query(`SELECT * FROM ticket_sequences WHERE day = 'fail'`)).toEqual([]);

    // The citizen sends the same confirmation again, now that filing works: it files once.
    const retry = await say(userId, '确认', 'confirm-g');
    expect(retry.duplicate).toBe(false);
    expect(retry.replies.some((r) => r.kind === 'case_filed')).toBe(true);
    expect(await runtime.dataSource.manager.countBy(CaseSchema, { conversationId: before.id })).toBe(1);
  });

  it('asks for a shorter message instead of processing a very long one', async () => {
    const result = await say('citizen-h', '噪音'.repeat(1500));
    expect(result.replies).toEqual([expect.objectContaining({ kind: 'error', data: expect.objectContaining({ code: 'text_too_long' }) })]);
  });
});

describe.runIf(ENGINES.includes('postgres'))('two processes on one PostgreSQL database', () => {
  let db: TestDatabase;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    for (let i = 0; i < 2; i++) runtimes.push(await createRuntime(db.config, { schema: db.schema, logger: createLogger('silent') }));
  });

  afterAll(async () => {
    for (const r of runtimes) await r.close();
    await db?.drop();
  });

  it('processes one conversation one message at a time across both', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => (i % 2 ? '你好' : '帮助'));
    const results = await Promise.all(
      texts.map((text, i) => runtimes[i % 2]!.runner.handle({ channel: 'test', userId: 'shared', text, messageId: `x-${i}` })),
    );
    expect(results.filter((r) => r.failed)).toEqual([]);
    const conversation = await runtimes[0]!.dataSource.manager.findOneByOrFail(ConversationSchema, { userId: 'shared' });
    expect(conversation.revision).toBe(texts.length);
  });

  it('answers a message delivered to both at once exactly once', async () => {
    const results = await Promise.all(
      runtimes.map((r) => r.runner.handle({ channel: 'test', userId: 'twice', text: COMPLAINT, messageId: 'same-id' })),
    );
    expect(results.map((r) => r.duplicate).toSorted()).toEqual([false, true]);
    expect(results[0]!.replies).toEqual(results[1]!.replies);
  });
});
