import { describe, expect, it } from 'vitest';
import { createInboundDedupe, type InboundFingerprint } from './inbound-dedupe.ts';

const message = (overrides: Partial<InboundFingerprint> = {}): InboundFingerprint => ({
  messageId: 'wx-1',
  talkerId: 'wxid_zhangsan',
  type: 7,
  sentAt: 1_790_000_000_000,
  text: '小区门口的路灯坏了一周了',
  ...overrides,
});

describe('inbound dedupe', () => {
  it('lets a message through once and stops the same id the second time', () => {
    const dedupe = createInboundDedupe();
    expect(dedupe.admit(message())).toBe(true);
    expect(dedupe.admit(message())).toBe(false);
  });

  it('stops the same words from the same person at the same moment under a new id', () => {
    const dedupe = createInboundDedupe();
    expect(dedupe.admit(message())).toBe(true);
    expect(dedupe.admit(message({ messageId: 'wx-2' }))).toBe(false);
  });

  it('lets the same words through when they were sent again later, or by someone else', () => {
    const dedupe = createInboundDedupe();
    expect(dedupe.admit(message())).toBe(true);
    expect(dedupe.admit(message({ messageId: 'wx-2', sentAt: 1_790_000_005_000 }))).toBe(true);
    expect(dedupe.admit(message({ messageId: 'wx-3', talkerId: 'wxid_lisi' }))).toBe(true);
    expect(dedupe.admit(message({ messageId: 'wx-4', roomId: '123@chatroom' }))).toBe(true);
  });

  it('forgets a delivery after its window, or when asked to', () => {
    let now = 0;
    const dedupe = createInboundDedupe({ ttlMs: 1000, now: () => now });
    expect(dedupe.admit(message())).toBe(true);
    now = 1001;
    expect(dedupe.admit(message())).toBe(true);
    dedupe.forget(message());
    expect(dedupe.admit(message())).toBe(true);
  });

  it('keeps no more than its limit', () => {
    const dedupe = createInboundDedupe({ maxEntries: 10 });
    for (let i = 0; i < 50; i++) dedupe.admit(message({ messageId: `wx-${i}`, sentAt: i }));
    expect(dedupe.size).toBeLessThanOrEqual(10);
  });
});
