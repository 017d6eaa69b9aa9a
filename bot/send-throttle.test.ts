import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../server/logger.ts';
import { createSendThrottle } from './send-throttle.ts';

/** A clock that only moves when the throttle sleeps, so gaps are computed, never measured. */
function fakeTime() {
  let at = 0;
  const sleeps: number[] = [];
  return {
    now: () => at,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      at += ms;
    },
    sleeps,
    advance: (ms: number) => {
      at += ms;
    },
  };
}

function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('the WeChat send throttle', () => {
  it('sends one message at a time, keeping the minimum gap between sends', async () => {
    const time = fakeTime();
    const throttle = createSendThrottle({ logger: captureLogs().logger, intervalMs: 1200, jitterMs: 0, ...time });
    const sent: Array<{ text: string; at: number }> = [];
    const results = await Promise.all(
      ['您好', '请问问题发生在哪里？', '已为您登记'].map((text) => throttle.send(async () => sent.push({ text, at: time.now() }))),
    );
    expect(results).toEqual([true, true, true]);
    expect(sent).toEqual([
      { text: '您好', at: 0 },
      { text: '请问问题发生在哪里？', at: 1200 },
      { text: '已为您登记', at: 2400 },
    ]);
  });

  it('does not wait when the last send was long enough ago', async () => {
    const time = fakeTime();
    const throttle = createSendThrottle({ logger: captureLogs().logger, intervalMs: 1200, jitterMs: 0, ...time });
    await throttle.send(async () => undefined);
    time.advance(5000);
    await throttle.send(async () => undefined);
    expect(time.sleeps).toEqual([]);
  });

  it('adds random jitter on top of the gap', async () => {
    const time = fakeTime();
    const throttle = createSendThrottle({ logger: captureLogs().logger, intervalMs: 1000, jitterMs: 300, random: () => 0.5, ...time });
    await throttle.send(async () => undefined);
    await throttle.send(async () => undefined);
    expect(time.sleeps).toEqual([1150]);
  });

  it('retries a failed send with growing back-off and delivers it once', async () => {
    const time = fakeTime();
    const throttle = createSendThrottle({ logger: captureLogs().logger, intervalMs: 0, jitterMs: 0, retries: 2, retryDelayMs: 1000, ...time });
    let attempts = 0;
    const delivered = await throttle.send(async () => {
      attempts++;
      if (attempts < 3) throw new Error('发送消息过于频繁');
    });
    expect(delivered).toBe(true);
    expect(attempts).toBe(3);
    expect(time.sleeps).toEqual([1000, 2000]);
  });

  it('gives up after the retries, logs it, and keeps sending what comes next', async () => {
    const time = fakeTime();
    const { logger, lines } = captureLogs();
    const throttle = createSendThrottle({ logger, intervalMs: 0, jitterMs: 0, retries: 1, retryDelayMs: 10, ...time });
    const failed = throttle.send(() => Promise.reject(new Error('network down')), { messageId: 'm-1' });
    const next = throttle.send(async () => undefined, { messageId: 'm-2' });
    expect(await failed).toBe(false);
    expect(await next).toBe(true);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, messageId: 'm-1', attempts: 2, msg: 'wechat send failed; giving up' }));
  });

  it('drains: waits until everything queued has been sent', async () => {
    const time = fakeTime();
    const throttle = createSendThrottle({ logger: captureLogs().logger, intervalMs: 100, jitterMs: 0, ...time });
    const sent: string[] = [];
    for (const text of ['一', '二', '三']) void throttle.send(async () => sent.push(text));
    expect(throttle.pending).toBe(3);
    await throttle.drain();
    expect(sent).toEqual(['一', '二', '三']);
    expect(throttle.pending).toBe(0);
  });
});
