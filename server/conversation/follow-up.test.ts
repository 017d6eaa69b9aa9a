import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createManualClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/databases.ts';

/** Follow-up questions over the bundled knowledge base: the second question leans on the first. */
describe('a follow-up question after an answer', () => {
  let db: TestDatabase;
  let runtime: Runtime;
  const clock = createManualClock('2026-11-23T02:00:00Z');
  let seq = 0;
  const say = (userId: string, text: string) => runtime.runner.handle({ channel: 'test', userId, text, messageId: `f-${++seq}` });
  const sourceOf = (replies: Awaited<ReturnType<typeof say>>['replies']) =>
    (replies.find((r) => r.kind === 'answer')?.data?.sources as Array<{ id: string }> | undefined)?.[0]?.id;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    runtime = await createRuntime(db.config, { clock, logger: createLogger('silent'), understander: null });
  });

  afterAll(async () => {
    await runtime?.close();
    await db?.drop();
  });

  it('reads "那需要带什么材料？" as a question about the passport it just answered', async () => {
    const first = await say('follow-1', '在北京怎么办护照？');
    expect(sourceOf(first.replies)).toBe('passport-apply');
    const second = await say('follow-1', '那需要带什么材料？');
    expect(sourceOf(second.replies)).toBe('passport-apply');
    expect(second.replies.find((r) => r.kind === 'answer')?.text).toContain('身份证');
  });

  it('reads a short follow-up with the topic of the answer shown, not of the words first used', async () => {
    const first = await say('follow-2', '社保卡丢了怎么补办？');
    expect(sourceOf(first.replies)).toBe('social-security-card-replace');
    const second = await say('follow-2', '在哪办？');
    expect(sourceOf(second.replies)).toBe('social-security-card-replace');
    expect(second.replies.find((r) => r.kind === 'answer')?.text).toContain('网点');
  });

  it('searches a follow-up that names its own topic on its own', async () => {
    await say('follow-3', '在北京怎么办护照？');
    const second = await say('follow-3', '供暖费怎么交？');
    expect(sourceOf(second.replies)).toBe('heating-fee-payment');
  });

  it('without an earlier answer, the same short question is not stitched to anything', async () => {
    const alone = await say('follow-4', '那需要带什么材料？');
    expect(sourceOf(alone.replies)).not.toBe('passport-apply');
  });

  it('keeps the topic for a while after the citizen said it helped, then lets it go', async () => {
    await say('follow-5', '在北京怎么办护照？');
    await say('follow-5', '解决了');
    const soon = await say('follow-5', '那需要带什么材料？');
    expect(sourceOf(soon.replies)).toBe('passport-apply');
    await say('follow-5', '是');
    clock.advance(31 * 60_000);
    const later = await say('follow-5', '那需要带什么材料？');
    expect(sourceOf(later.replies)).not.toBe('passport-apply');
  });

  it('answers a question padded with what the asker tells about themselves', async () => {
    const padded = await say('follow-6', '我妈75了一个人住 腿脚不好 我们在丰台方庄 想问问居家养老上门服务怎么申请');
    expect(padded.replies.map((r) => r.kind)).toContain('answer');
    const school = await say('follow-7', '我孩子今年6岁 户口不在北京 我们住海淀 上小学要准备什么材料');
    expect(school.replies.find((r) => r.kind === 'answer')?.text).toContain('非京籍');
  });
});
