import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../flows/domain/reply.ts';
import { followCopy } from '../flows/followup/followup.copy.ts';
import { createTempDir, sqliteServerEnv, startServer, stopAllServers, type ServerProcess, type TempDir } from './helpers/server-process.ts';
import { createWorkClient, type WorkClient } from './helpers/work-client.ts';

const CHANNEL_KEY = 'restart-test-channel-key-01';
const ADMIN_KEY = 'restart-test-admin-key-0001';
const COMPLAINT = '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222，我姓王，不用保密';

/**
 * The real service, killed (SIGKILL) and started again on the same SQLite file between the steps of
 * a case's life: nothing may be lost and no push may reach the citizen twice.
 */
describe('the case loop across crashes and restarts of the real process', () => {
  let dir: TempDir;
  let server: ServerProcess | undefined;
  let api: WorkClient;

  const start = async (workerIntervalMs = 200) => {
    const env = sqliteServerEnv(dir.path, { channel: CHANNEL_KEY, admin: ADMIN_KEY }, { QUIET_HOURS: 'off', WORKER_INTERVAL_MS: String(workerIntervalMs) });
    server = await startServer({ env });
    api = createWorkClient(server.baseUrl, { channel: CHANNEL_KEY, admin: ADMIN_KEY });
  };
  const restart = async (workerIntervalMs = 200) => {
    await server?.kill('SIGKILL');
    await start(workerIntervalMs);
  };
  /** All pushes the citizen's front end would have fetched, from the beginning. */
  const allPushes = async (userId: string): Promise<Reply[]> => {
    const res = await api.call('GET', `/api/v1/channels/rest/users/${userId}/messages?after=0&limit=200`, CHANNEL_KEY);
    return (res.body.messages as Array<{ reply: Reply }>).map((m) => m.reply);
  };
  /** Waits until the background worker has delivered `count` pushes in all. */
  const pushesAfterWorker = async (userId: string, count: number): Promise<Reply[]> => {
    for (let i = 0; i < 100; i++) {
      const pushes = await allPushes(userId);
      if (pushes.length >= count) return pushes;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`expected ${count} pushes, got ${(await allPushes(userId)).length}\n${server?.output()}`);
  };

  beforeAll(async () => {
    dir = createTempDir('jiesu-loop-');
    await start();
  }, 60_000);

  afterAll(async () => {
    await stopAllServers();
    dir?.remove();
  });

  it(
    'files, works, calls back "not solved", reopens, works again and closes on "solved, satisfied", restarting between steps',
    { timeout: 180_000 },
    async () => {
      const citizen = () => api.citizen('wang');
      const ticketNo = await citizen().file(COMPLAINT);
      const unitCode = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body.unit.code as string;
      const key = (await api.admin('POST', `/api/v1/units/${unitCode}/keys`)).body.key as string;
      const step = async (type: string, note?: string) => {
        const res = await api.unit(key).event(ticketNo, type, note);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.body.status as string;
      };

      await restart();
      expect(await step('accept')).toBe('accepted');
      await restart();
      expect(await step('contact')).toBe('in_progress');
      await restart();
      expect(await step('resolve', '已协调环卫清运')).toBe('callback');
      let pushes = await pushesAfterWorker('wang', 3);
      expect(pushes.map((r) => r.kind)).toEqual(['notice', 'callback', 'callback']);
      await restart();

      expect((await citizen().say('根本没人来'))[0]?.slot).toBe('satisfaction');
      await restart();
      expect((await citizen().say('不满意'))[0]?.data).toMatchObject({ outcome: 'reopened' });
      await restart();
      expect((await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body.status).toBe('reopened');

      expect(await step('accept')).toBe('accepted');
      expect(await step('contact')).toBe('in_progress');
      await restart();
      expect(await step('resolve', '已现场复查并加装垃圾桶')).toBe('callback');
      await pushesAfterWorker('wang', 6);
      await restart();
      expect((await citizen().say('挺好的，解决了'))[0]?.slot).toBe('contacted');
      await restart();
      expect((await citizen().say('联系过了'))[0]?.text).toBe(followCopy.callbackThanks);

      await restart();
      const view = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body;
      expect(view.status).toBe('closed');
      expect(view.callback).toMatchObject({ round: 2, contacted: true, resolved: true, satisfaction: '满意' });
      // Every push exactly once, whatever the restarts: contacted + callback (2) per round.
      pushes = await allPushes('wang');
      expect(pushes.map((r) => `${r.kind}:${String(r.data?.step ?? r.slot ?? '')}`)).toEqual([
        'notice:contacted', 'callback:resolved', 'callback:contacted',
        'notice:contacted', 'callback:resolved', 'callback:contacted',
      ]);
    },
  );

  it(
    'delivers pushes that were pending when the process died, each once, after the restart',
    { timeout: 120_000 },
    async () => {
      // A slow worker: what is queued now stays in the outbox until the crash.
      await restart(600_000);
      const ticketNo = await api.citizen('li').file(COMPLAINT.replace('13811112222', '13922223333'));
      const unitCode = (await api.admin('GET', `/api/v1/cases/${ticketNo}`)).body.unit.code as string;
      const key = (await api.admin('POST', `/api/v1/units/${unitCode}/keys`)).body.key as string;
      await api.unit(key).event(ticketNo, 'accept');
      await api.unit(key).event(ticketNo, 'contact');
      await api.unit(key).event(ticketNo, 'resolve', '已清运');
      expect(await allPushes('li')).toEqual([]);

      await restart();
      const pushes = await pushesAfterWorker('li', 3);
      await new Promise((resolve) => setTimeout(resolve, 800));
      await restart();
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect((await allPushes('li')).map((r) => r.kind)).toEqual(['notice', 'callback', 'callback']);
      expect(pushes).toHaveLength(3);
    },
  );
});
