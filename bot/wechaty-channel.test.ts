import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { ScanStatus } from 'wechaty';
import { createRuntime, type Runtime } from '../server/runtime.ts';
import { createLogger, type Logger } from '../server/logger.ts';
import { createTestDatabase, type TestDatabase } from '../test/helpers/databases.ts';
import { createMockWechat, type MockWechat } from './testing/mock-wechat.ts';
import { startWechatyChannel, type WechatyChannel, type WechatyChannelOptions } from './wechaty-channel.ts';
import { routerCopy } from '../flows/router/router.copy.ts';
import { wechatCopy } from './wechat.copy.ts';

const TICKET = /J\d{11}/;
const COMPLAINT = '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222';

interface Harness {
  runtime: Runtime;
  wechat: MockWechat;
  channel: WechatyChannel;
  close(): Promise<void>;
}

/** A real runtime on a temporary SQLite file, a real Wechaty on the mock puppet, logged in. */
async function startHarness(overrides: Partial<WechatyChannelOptions> = {}): Promise<Harness> {
  const db: TestDatabase = await createTestDatabase('sqlite');
  const runtime = await createRuntime(db.config, { logger: createLogger('silent') });
  const wechat = createMockWechat();
  const channel = await startWechatyChannel({
    runner: runtime.runner,
    logger: createLogger('silent'),
    wechaty: { sendIntervalMs: 5 },
    puppet: wechat.puppet,
    onHandled: wechat.onHandled,
    throttle: { jitterMs: 2, retryDelayMs: 5 },
    restart: { initialDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  });
  await logIn(channel, wechat);
  return {
    runtime,
    wechat,
    channel,
    async close() {
      await channel.stop();
      await runtime.close();
      await db.drop();
    },
  };
}

async function logIn(channel: WechatyChannel, wechat: MockWechat): Promise<void> {
  const loggedIn = new Promise<void>((resolve) => channel.bot.once('login', () => resolve()));
  wechat.login();
  await loggedIn;
}

function captureLogs(level = 'info'): { logger: Logger; output: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(level, stream), output: () => chunks.join('') };
}

describe('the WeChat channel', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets a citizen file a complaint and sends back the ticket number', async () => {
    const citizen = h.wechat.citizen('王先生');
    await citizen.ask(COMPLAINT);
    await citizen.ask('投诉');
    await citizen.ask('王先生');
    const readBack = await citizen.ask('不需要保密');
    expect(readBack).toContain('花家地北里3号楼');
    const last = await citizen.ask('确认');

    const ticketNo = last.match(TICKET)?.[0];
    expect(ticketNo).toBeDefined();
    const filed = await h.runtime.cases.byTicketNo(ticketNo as string);
    expect(filed).toMatchObject({ type: '投诉', district: '朝阳区', phone: '13811112222', name: '王先生', channel: 'wechat' });
  });

  it('sends each turn as one message with numbered options, and accepts the number as the answer', async () => {
    const citizen = h.wechat.citizen('李阿姨');
    const menu = await citizen.ask('你好');
    expect(menu).toMatch(/^1\. 投诉$/m);
    expect(menu).toMatch(/^2\. 求助$/m);
    expect(menu).toContain('回复数字或文字都可以');

    const next = await citizen.ask('1');
    expect(next).toContain('请简单说说发生了什么');
    expect(next).not.toContain('1. 投诉');
    expect(citizen.inbox).toHaveLength(2);
  });

  it('ignores what the bot account itself sends', async () => {
    const citizen = h.wechat.citizen('赵大爷');
    const own = h.wechat.accountSays(citizen, '您好，我是社区网格员，有事可以在这里留言。');
    expect(await h.wechat.outcome(own)).toBe('self');
    expect(citizen.inbox).toEqual(['您好，我是社区网格员，有事可以在这里留言。']);
  });

  it('answers a message delivered twice only once', async () => {
    const citizen = h.wechat.citizen('孙女士');
    const id = citizen.send('小区东门的井盖松了，踩上去晃得厉害');
    await citizen.nextReply();
    citizen.send('小区东门的井盖松了，踩上去晃得厉害', { id });
    expect(await h.wechat.outcome(id)).toBe('answered');
    expect(await h.wechat.outcome(id)).toBe('duplicate');
    expect(citizen.inbox).toHaveLength(1);
  });

  it('answers once when a puppet redelivers the same message under a new id', async () => {
    const citizen = h.wechat.citizen('周先生');
    const sentAt = Date.now();
    const first = citizen.send('楼道里的声控灯不亮了', { sentAt });
    await citizen.nextReply();
    const again = citizen.send('楼道里的声控灯不亮了', { sentAt });
    expect(await h.wechat.outcome(first)).toBe('answered');
    expect(await h.wechat.outcome(again)).toBe('duplicate');
    expect(citizen.inbox).toHaveLength(1);
  });

  it('asks for words when a citizen sends a picture outside adding it to a case', async () => {
    const citizen = h.wechat.citizen('吴女士');
    citizen.sendImage();
    expect(await citizen.nextReply()).toBe(routerCopy.textOnly);
    // The picture did not start a conversation: the first words are still greeted as a first message.
    const first = await citizen.ask('你好');
    const fresh = await h.wechat.citizen('郑先生').ask('你好');
    expect(first).toBe(fresh);
  });

  it('ignores offline history the puppet replays after login', async () => {
    const citizen = h.wechat.citizen('冯先生');
    const old = citizen.send('昨天晚上的噪音投诉', { sentAt: Date.now() - 3 * 60 * 60_000 });
    expect(await h.wechat.outcome(old)).toBe('stale');
    expect(citizen.inbox).toEqual([]);
  });

  it('answers in a group only when mentioned, and mentions the sender in the answer', async () => {
    const citizen = h.wechat.citizen('陈先生');
    const neighbour = h.wechat.citizen('褚女士');
    const group = h.wechat.group('花家地北里业主群', [citizen, neighbour]);

    const chatter = group.send(neighbour, '今天垃圾又没人收');
    expect(await h.wechat.outcome(chatter)).toBe('not-mentioned');
    expect(group.messages).toEqual([]);

    group.send(citizen, '你好', { mentionBot: true });
    const answer = await group.nextMessage();
    expect(answer.startsWith('@陈先生')).toBe(true);
    expect(answer).toContain('1. 投诉');
    expect(citizen.inbox).toEqual([]);
  });

  it('keeps a group conversation apart from the same citizen’s private one', async () => {
    const citizen = h.wechat.citizen('卫女士');
    const group = h.wechat.group('望京街道居民群', [citizen]);
    expect(await citizen.ask(COMPLAINT)).toContain('怎么称呼您');

    // In the group the citizen starts afresh: the private case (with its phone number) stays private.
    group.send(citizen, '你好', { mentionBot: true });
    const inGroup = await group.nextMessage();
    expect(inGroup).toContain('1. 投诉');
    expect(inGroup).not.toContain('怎么称呼您');

    expect(await citizen.ask('卫女士')).toContain('需要为您的身份保密吗');
  });

  it('keeps answering after the puppet reports an error', async () => {
    h.wechat.puppet.emit('error', { gerror: 'reset heartbeat error' });
    h.wechat.puppet.emit('error', { data: 'watchdog timeout' } as never);
    const citizen = h.wechat.citizen('蒋先生');
    expect(await citizen.ask('你好')).toContain('1. 投诉');
  });

  it('still delivers the answer when the first send fails', async () => {
    const citizen = h.wechat.citizen('沈女士');
    const puppet = h.wechat.puppet;
    const original = puppet.messageSendText.bind(puppet);
    let failures = 0;
    puppet.messageSendText = async (conversationId: string, text: string) => {
      if (conversationId === citizen.contact.id && failures === 0) {
        failures++;
        throw new Error('发送消息过于频繁');
      }
      return original(conversationId, text);
    };
    try {
      const id = citizen.send('你好');
      expect(await h.wechat.outcome(id)).toBe('answered');
      expect(citizen.inbox).toHaveLength(1);
      expect(citizen.inbox[0]).toContain('1. 投诉');
    } finally {
      puppet.messageSendText = original;
    }
  });
});

describe('the WeChat channel over time', () => {
  let h: Harness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('does not answer again when WeChat redelivers a message long after', async () => {
    let now = Date.now();
    h = await startHarness({ now: () => now });
    const citizen = h.wechat.citizen('韩先生');
    const id = citizen.send('公园里的健身器材坏了');
    await citizen.nextReply();
    // Past the in-memory window: only the runner's durable log knows this id now.
    now += 60 * 60_000;
    citizen.send('公园里的健身器材坏了', { id });
    expect(await h.wechat.outcome(id)).toBe('answered');
    expect(await h.wechat.outcome(id)).toBe('duplicate');
    expect(citizen.inbox).toHaveLength(1);
  });

  it('processes a redelivery again when the first attempt at the turn failed', async () => {
    let calls = 0;
    h = await startHarness({
      runner: {
        handle: async () => {
          calls++;
          return calls === 1
            ? { replies: [{ kind: 'error', text: wechatCopy.systemError }], duplicate: false, failed: true }
            : { replies: [{ kind: 'text', text: '好的，已收到。' }], duplicate: false };
        },
      },
    });
    const citizen = h.wechat.citizen('朱女士');
    const id = citizen.send('路口的红绿灯不亮了');
    expect(await citizen.nextReply()).toBe(wechatCopy.systemError);
    citizen.send('路口的红绿灯不亮了', { id });
    expect(await citizen.nextReply()).toBe('好的，已收到。');
  });

  it('restarts after WeChat logs the bot out, and answers again once logged back in', async () => {
    h = await startHarness();
    const { wechat, channel } = h;
    const restarted = new Promise<void>((resolve) => channel.bot.once('start', () => resolve()));
    await wechat.puppet.logout('被踢下线');
    await restarted;
    await wechat.puppet.state.stable('active');
    await logIn(channel, wechat);
    const citizen = wechat.citizen('杨女士');
    expect(await citizen.ask('你好')).toContain('1. 投诉');
  });

  it('logs the login QR link but no citizen words, names or phone numbers above debug', async () => {
    const logs = captureLogs('info');
    h = await startHarness({ logger: logs.logger });
    h.wechat.mocker.scan('https://login.weixin.qq.com/l/jiesu-test', ScanStatus.Waiting);
    const citizen = h.wechat.citizen('王先生');
    for (const text of [COMPLAINT, '投诉', '王先生', '不需要保密']) await citizen.ask(text);
    const last = await citizen.ask('确认');
    expect(last).toMatch(TICKET);

    const output = logs.output();
    expect(output).toContain('https://wechaty.js.org/qrcode/');
    expect(output).toContain('"msg":"wechat turn"');
    for (const secret of ['13811112222', '花家地', '垃圾桶', '王先生', '不需要保密']) expect(output).not.toContain(secret);
  });
});
