import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../server/runtime.ts';
import { createLogger } from '../../server/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.ts';

const NOTHING = { kind: null, category: null, district: null, street: null, address: null, description: null, name: null, confidential: null, emergency: null };

/** The whole path with a model switched on: runtime → runner → understander → a local chat-completions server. */
describe('understanding with the optional model', () => {
  let db: TestDatabase;
  let runtime: Runtime;
  let llm: FakeOpenAiServer;

  beforeAll(async () => {
    llm = await startFakeOpenAiServer({ apiKey: 'sk-local-test' });
    db = await createTestDatabase('sqlite', { OPENAI_API_KEY: 'sk-local-test', OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'local-model' });
    runtime = await createRuntime(db.config, { logger: createLogger('silent') });
  });

  afterAll(async () => {
    await runtime?.close();
    await llm?.close();
    await db?.drop();
  });

  it('takes the street the model found when the rules found none, and asks nothing about the place', async () => {
    llm.respondWith(() => ({ json: { ...NOTHING, kind: '投诉', district: '朝阳区', street: '望京街道', address: '望京西园三区' } }));
    const result = await runtime.runner.handle({ channel: 'test', userId: 'llm-1', text: '我住望京西园三区，小区门口的井盖丢了好几天了，太危险了，电话13811112222' });
    const question = result.replies.find((r) => r.kind === 'question');
    expect(question?.slot).toBeDefined();
    expect(question?.slot).not.toBe('address');
    const { snapshot } = (await runtime.dataSource.query("SELECT snapshot FROM conversations WHERE user_id = 'llm-1'"))[0] as { snapshot: string };
    expect(JSON.parse(snapshot).context.intake.draft).toMatchObject({ district: '朝阳区', street: '望京街道' });
    // The model never saw the phone number.
    expect(JSON.stringify(llm.requests.at(-1))).not.toContain('13811112222');
  });

  it('falls back to the rules when the model fails', async () => {
    llm.respondWith(() => ({ status: 500 }));
    const result = await runtime.runner.handle({ channel: 'test', userId: 'llm-2', text: '小区门口的井盖丢了好几天了，太危险了' });
    expect(result.failed).toBeUndefined();
    expect(result.replies.at(-1)?.slot).toBeDefined();
  });

  it('does not ask the model about commands', async () => {
    const before = llm.requests.length;
    await runtime.runner.handle({ channel: 'test', userId: 'llm-3', text: '转人工' });
    await runtime.runner.handle({ channel: 'test', userId: 'llm-3', text: '返回' });
    expect(llm.requests.length).toBe(before);
  });
});
