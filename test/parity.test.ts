import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Reply } from '../flows/domain/reply.ts';
import { createRuntime, type Runtime } from '../server/runtime.ts';
import { createHttpApp } from '../server/http/app.ts';
import { createLogger } from '../server/logger.ts';
import { renderTurn } from '../server/conversation/render-text.ts';
import { startWechatyChannel, type WechatyChannel } from '../bot/wechaty-channel.ts';
import { createMockWechat, type MockWechat } from '../bot/testing/mock-wechat.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';

const CHANNEL_KEY = 'parity-channel-key-000001';

/** Ticket numbers come from one daily sequence, so the two channels get different ones. */
const normalise = (text: string) => text.replace(/J\d{11}/g, 'J<工单号>');

const SCRIPTS: Array<[title: string, citizen: string, script: string[]]> = [
  [
    'a request for help answered with numbers, corrected and filed',
    '钱女士',
    ['丰台区方庄街道芳城园一区5号楼电梯坏了', '2', '13612345678', '跳过', '2', '修改', '电话改成13612345679', '确认'],
  ],
  ['a complaint filed in one go', '王先生', ['朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222', '王先生', '不需要保密', '确认']],
  ['a handoff to a person, when the bot stays silent, and the way back', '刘大爷', ['我要求助', '转人工', '有人吗', '返回']],
];

describe('REST and WeChat give a citizen the same conversation', () => {
  let db: TestDatabase;
  let runtime: Runtime;
  let server: Server;
  let base: string;
  let wechat: MockWechat;
  let channel: WechatyChannel;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite', { CHANNEL_API_KEY: CHANNEL_KEY });
    runtime = await createRuntime(db.config, { logger: createLogger('silent') });
    server = createHttpApp(runtime).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    wechat = createMockWechat();
    channel = await startWechatyChannel({
      runner: runtime.runner,
      logger: createLogger('silent'),
      wechaty: { sendIntervalMs: 0 },
      puppet: wechat.puppet,
      onHandled: wechat.onHandled,
    });
    const loggedIn = new Promise<void>((resolve) => channel.bot.once('login', () => resolve()));
    wechat.login();
    await loggedIn;
  });

  afterAll(async () => {
    await channel?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await runtime?.close();
    await db?.drop();
  });

  async function overRest(userId: string, text: string, messageId: string): Promise<Reply[]> {
    const res = await fetch(`${base}/api/v1/channels/rest/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CHANNEL_KEY}` },
      body: JSON.stringify({ userId, text, messageId }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { replies: Reply[] }).replies;
  }

  it.each(SCRIPTS)('in %s', async (title, name, script) => {
    const citizen = wechat.citizen(name);
    const userId = `parity-${SCRIPTS.findIndex(([t]) => t === title)}`;
    let sent = 0;
    for (const [turn, text] of script.entries()) {
      const rest = await overRest(userId, text, `${userId}-${turn}`);
      const id = citizen.send(text);
      const outcome = await wechat.outcome(id);
      if (rest.length === 0) {
        // The flow is silent (a person has the conversation): WeChat must not send an empty message.
        expect({ turn, text, outcome }).toEqual({ turn, text, outcome: 'muted' });
        continue;
      }
      sent++;
      expect({ turn, text, wechat: normalise(await citizen.nextReply()) }).toEqual({ turn, text, wechat: normalise(renderTurn(rest)) });
    }
    expect(citizen.inbox).toHaveLength(sent);
  });
});
