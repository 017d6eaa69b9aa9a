import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRestClient, filedTicket, lastQuestion, type RestClient } from './helpers/rest-client.ts';
import { createTempDir, startServer, stopAllServers, type ServerProcess, type TempDir } from './helpers/server-process.ts';

const CHANNEL_KEY = 'crash-test-channel-key-0001';
const ADMIN_KEY = 'crash-test-admin-key-000001';
const COMPLAINT = '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222';
// Each test starts the real process twice; tsx compiles on start, which is slow on a small machine.
const TWO_STARTS = { timeout: 90_000 };

describe('the server killed mid-conversation and started again on the same database', () => {
  let dir: TempDir;
  let server: ServerProcess;
  let rest: RestClient;

  const start = async () => {
    server = await startServer({
      env: {
        DATABASE_URL: `sqlite:${join(dir.path, 'jiesu.sqlite')}`,
        CHANNEL_API_KEY: CHANNEL_KEY,
        ADMIN_API_KEY: ADMIN_KEY,
        LOG_LEVEL: 'warn',
      },
    });
    rest = createRestClient(server.baseUrl, { channelKey: CHANNEL_KEY, adminKey: ADMIN_KEY });
  };

  beforeEach(() => {
    dir = createTempDir('jiesu-crash-');
  });

  afterEach(async () => {
    await stopAllServers();
    dir.remove();
  });

  it('continues at the question it was asking and answers a redelivered message from the log', TWO_STARTS, async () => {
    await start();
    const first = await rest.send('citizen-1', COMPLAINT, 'c1-1');
    expect(lastQuestion(first)).toEqual({ kind: 'question', slot: 'type' });
    const second = await rest.send('citizen-1', '投诉', 'c1-2');
    expect(lastQuestion(second)).toEqual({ kind: 'question', slot: 'name' });

    await server.kill('SIGKILL');
    await start();

    const third = await rest.send('citizen-1', '王先生', 'c1-3');
    expect(third.duplicate).toBe(false);
    expect(lastQuestion(third)).toEqual({ kind: 'question', slot: 'confidential' });

    const redelivered = await rest.send('citizen-1', '投诉', 'c1-2');
    expect(redelivered).toEqual({ replies: second.replies, duplicate: true });

    const readBack = await rest.send('citizen-1', '不需要保密', 'c1-4');
    expect(lastQuestion(readBack)).toEqual({ kind: 'confirm' });
    const filed = await rest.send('citizen-1', '确认', 'c1-5');
    const ticketNo = filedTicket(filed);
    expect(ticketNo).toMatch(/^J\d{11}$/);

    const cases = await rest.cases('rest', 'citizen-1');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ ticketNo, type: '投诉', name: '王先生', phone: '13811112222', confidential: false });
  });

  it('files the case exactly once when killed while the confirming turn is in flight', TWO_STARTS, async () => {
    await start();
    const script: Array<[string, string]> = [
      [COMPLAINT, 'c2-1'],
      ['投诉', 'c2-2'],
      ['王先生', 'c2-3'],
      ['不需要保密', 'c2-4'],
    ];
    let turn = await rest.send('citizen-2', ...script[0]!);
    for (const [text, messageId] of script.slice(1)) turn = await rest.send('citizen-2', text, messageId);
    expect(lastQuestion(turn)).toEqual({ kind: 'confirm' });

    const confirming = rest.sendInFlight('citizen-2', '确认', 'c2-5');
    await confirming.sent;
    await server.kill('SIGKILL');
    // Usually cut off; should the answer have arrived first, the turn committed and must be replayed as is.
    const beforeKill = await confirming.response.catch(() => undefined);

    await start();
    const redelivered = await rest.send('citizen-2', '确认', 'c2-5');
    const ticketNo = filedTicket(redelivered);
    expect(ticketNo).toMatch(/^J\d{11}$/);
    if (beforeKill) expect(redelivered).toEqual({ replies: beforeKill.replies, duplicate: true });

    const cases = await rest.cases('rest', 'citizen-2');
    expect(cases.map((c) => c.ticketNo)).toEqual([ticketNo]);

    // A third delivery changes nothing either.
    const again = await rest.send('citizen-2', '确认', 'c2-5');
    expect(again).toEqual({ replies: redelivered.replies, duplicate: true });
    expect(await rest.cases('rest', 'citizen-2')).toHaveLength(1);
  });
});
