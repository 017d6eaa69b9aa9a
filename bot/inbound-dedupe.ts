import { createHash } from 'node:crypto';

export interface InboundDedupeOptions {
  /** How long a delivery is remembered; redeliveries arrive within seconds, replays within minutes. */
  ttlMs?: number;
  /** Oldest entries are dropped beyond this, so a busy account cannot grow the map without bound. */
  maxEntries?: number;
  now?: () => number;
}

export interface InboundFingerprint {
  messageId: string;
  roomId?: string;
  talkerId: string;
  type: number;
  sentAt: number;
  text: string;
}

/**
 * Remembers recent deliveries in memory, by message id and by a content fingerprint (who, where,
 * when, what). Some puppets deliver a message twice, sometimes under a new id (juzibot/donut-tester#71,
 * wechatferry#29); the runner's durable dedupe only knows ids. Only a hash of the text is kept.
 */
export function createInboundDedupe(options: InboundDedupeOptions = {}) {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxEntries = options.maxEntries ?? 5000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();

  const keysOf = (m: InboundFingerprint): string[] => {
    const content = createHash('sha256')
      .update([m.roomId ?? '', m.talkerId, String(m.type), String(m.sentAt), m.text].join('\u0000'))
      .digest('base64url');
    return [`id:${m.messageId}`, `content:${content}`];
  };

  const prune = (at: number) => {
    for (const [key, expires] of seen) {
      if (expires > at && seen.size <= maxEntries) break;
      seen.delete(key);
    }
  };

  return {
    /** True the first time a delivery is seen; false for a redelivery (same id or same content). */
    admit(message: InboundFingerprint): boolean {
      const at = now();
      const keys = keysOf(message);
      if (keys.some((key) => (seen.get(key) ?? 0) > at)) return false;
      for (const key of keys) {
        // Re-inserted so the map stays in expiry order for prune().
        seen.delete(key);
        seen.set(key, at + ttlMs);
      }
      prune(at);
      return true;
    },
    /** Forget a delivery whose turn failed, so a redelivery is processed instead of dropped. */
    forget(message: InboundFingerprint): void {
      for (const key of keysOf(message)) seen.delete(key);
    },
    get size() {
      return seen.size;
    },
  };
}

export type InboundDedupe = ReturnType<typeof createInboundDedupe>;
