import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routerCopy } from '../flows/router/router.copy.ts';
import { createRestClient, filedTicket, lastQuestion, type RestClient, type TurnResponse } from './helpers/rest-client.ts';
import { createTempDir, sqliteServerEnv, startServer, stopAllServers, type ServerProcess, type TempDir } from './helpers/server-process.ts';
import { INTAKE_ANSWERS } from './helpers/work-client.ts';

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
    server = await startServer({ env: sqliteServerEnv(dir.path, { channel: CHANNEL_KEY, admin: ADMIN_KEY }) });
    rest = createRestClient(server.baseUrl, { channelKey: CHANNEL_KEY, adminKey: ADMIN_KEY });
  };

  beforeEach(() => {
    dir = createTempDir('jiesu-crash-');
  });

  afterEach(async () => {
    await stopAllServers();
    dir.remove();
  });

  /** Answer whatever the bot asked, the way the complaint's citizen would. */
  const reply = (turn: TurnResponse): string => {
    const asked = lastQuestion(turn);
    if (asked?.kind === 'confirm') return '确认';
    const answer = asked?.slot ? (INTAKE_ANSWERS as Partial<Record<string, string>>)[asked.slot] : undefined;
    if (!answer) throw new Error(`the bot did not ask a question: ${JSON.stringify(turn.replies)}`);
    return answer;
  };

  /** Drive the conversation until the read-back; bounded so a flow that loops fails instead of hanging. */
  const talkUntilReadBack = async (userId: string, opening: TurnResponse) => {
    let turn = opening;
    for (let n = 0; n < 8 && lastQuestion(turn)?.kind !== 'confirm'; n++) {
      turn = await rest.send(userId, reply(turn), randomUUID());
      expect(turn.duplicate).toBe(false);
    }
    expect(lastQuestion(turn)).toEqual({ kind: 'confirm' });
    return turn;
  };

  it('continues at the question it was asking and answers a redelivered message from the log', TWO_STARTS, async () => {
    await start();
    const first = await rest.send('citizen-1', COMPLAINT, 'citizen-1-1');
    const second = await rest.send('citizen-1', reply(first), 'citizen-1-2');
    const askedBeforeKill = lastQuestion(second);
    expect(askedBeforeKill).toMatchObject({ kind: 'question', slot: expect.any(String) });

    await server.kill('SIGKILL');
    await start();

    // The answer to the question asked before the crash is taken as that answer: no restart, no error.
    const third = await rest.send('citizen-1', reply(second), 'citizen-1-3');
    expect(third.duplicate).toBe(false);
    expect(third.replies.map((r) => r.kind)).not.toContain('error');
    expect(third.replies.map((r) => r.text)).not.toContain(routerCopy.restartedAfterUpgrade);
    expect(lastQuestion(third)).toBeDefined();
    expect(lastQuestion(third)).not.toEqual(askedBeforeKill);

    const redelivered = await rest.send('citizen-1', reply(first), 'citizen-1-2');
    expect(redelivered).toEqual({ replies: second.replies, duplicate: true });

    await talkUntilReadBack('citizen-1', third);
    const filed = await rest.send('citizen-1', '确认', 'citizen-1-confirm');
    const ticketNo = filedTicket(filed);
    expect(ticketNo).toMatch(/^J\d{11}$/);

    const cases = await rest.cases('rest', 'citizen-1');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ ticketNo, type: '投诉', name: '王先生', phone: '13811112222', confidential: false });
  });

  it('files the case exactly once when killed while the confirming turn is in flight', TWO_STARTS, async () => {
    await start();
    await talkUntilReadBack('citizen-2', await rest.send('citizen-2', COMPLAINT, 'citizen-2-1'));

    const confirming = rest.sendInFlight('citizen-2', '确认', 'citizen-2-confirm');
    await confirming.sent;
    await server.kill('SIGKILL');
    // Usually cut off before the turn commits (the next test covers a crash after the commit); should the
    // answer have arrived first, the turn committed and its redelivery must be replayed as is.
    const beforeKill = await confirming.response.catch(() => undefined);

    await start();
    const redelivered = await rest.send('citizen-2', '确认', 'citizen-2-confirm');
    const ticketNo = filedTicket(redelivered);
    expect(ticketNo).toMatch(/^J\d{11}$/);
    if (beforeKill) expect(redelivered).toEqual({ replies: beforeKill.replies, duplicate: true });

    const cases = await rest.cases('rest', 'citizen-2');
    expect(cases.map((c) => c.ticketNo)).toEqual([ticketNo]);

    // A third delivery changes nothing either.
    const again = await rest.send('citizen-2', '确认', 'citizen-2-confirm');
    expect(again).toEqual({ replies: redelivered.replies, duplicate: true });
    expect(await rest.cases('rest', 'citizen-2')).toHaveLength(1);
  });

  it('answers a redelivered confirmation from the log when the crash came after the turn committed', TWO_STARTS, async () => {
    await start();
    await talkUntilReadBack('citizen-3', await rest.send('citizen-3', COMPLAINT, 'citizen-3-1'));
    // The channel never saw this answer (say the process died while sending it), so it delivers again.
    const answered = await rest.send('citizen-3', '确认', 'citizen-3-confirm');
    const ticketNo = filedTicket(answered);
    expect(ticketNo).toMatch(/^J\d{11}$/);

    await server.kill('SIGKILL');
    await start();

    const redelivered = await rest.send('citizen-3', '确认', 'citizen-3-confirm');
    expect(redelivered).toEqual({ replies: answered.replies, duplicate: true });
    const cases = await rest.cases('rest', 'citizen-3');
    expect(cases.map((c) => c.ticketNo)).toEqual([ticketNo]);
  });
});
