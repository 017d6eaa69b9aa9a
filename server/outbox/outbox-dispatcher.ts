import type { Reply } from '../../flows/domain/reply.ts';
import type { OutboxRecord } from '../db/lifecycle-entities.ts';
import type { CitizenRepository } from '../db/repositories/citizen.repository.ts';
import type { ConversationAddress, ConversationRepository } from '../db/repositories/conversation.repository.ts';
import type { MessageRepository } from '../db/repositories/message.repository.ts';
import type { OutboxRepository } from '../db/repositories/outbox.repository.ts';
import type { UnitAccessRepository } from '../db/repositories/unit-access.repository.ts';
import type { Transactor } from '../db/transactor.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { CitizenPushPayload } from '../cases/case-notifier.ts';
import { postWebhook, type WebhookPost, type WebhookPostResult } from '../webhooks/deliver-webhook.ts';

/**
 * Sends replies to a citizen on a channel that pushes (WeChat): true when the channel took them, false
 * when sending failed (retried with back-off), 'offline' when the channel cannot send right now (the
 * bot is logged out): put back without using up an attempt.
 */
export type ChannelDeliverer = (address: ConversationAddress, replies: Reply[]) => Promise<boolean | 'offline'>;

/** How long a push waits while its channel is offline or lives in another process. */
const OFFLINE_RETRY_MS = 30_000;

/** Channels whose clients poll the pushed-messages endpoint: writing the message is the delivery. */
const PULL_CHANNELS = new Set(['rest', 'cli']);
/** A claimed item whose process died is retried after this; see the note on at-least-once below. */
const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 12;
const BATCH = 20;

/** 30 s, 1 min, 2 min … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface DispatcherDeps {
  transactor: Transactor;
  outbox: OutboxRepository;
  citizens: CitizenRepository;
  conversations: ConversationRepository;
  messages: MessageRepository;
  unitAccess: UnitAccessRepository;
  clock: Clock;
  logger: Logger;
  /** Replaced in tests that count deliveries. */
  post?: (input: WebhookPost) => Promise<WebhookPostResult>;
}

/**
 * Delivers the outbox: citizen pushes on their channel and unit webhooks, with retries and back-off.
 *
 * Exactly-once where the channel allows it: for polling channels the message row and the `sent` mark
 * are one transaction. WeChat has no idempotency key, so a push is marked sent right after the
 * channel took it; only a crash inside that instant (between the send and the commit) can repeat
 * one, once, after the lease runs out. Webhooks carry a stable delivery id for receivers to
 * deduplicate on.
 */
export function createOutboxDispatcher(deps: DispatcherDeps) {
  const { transactor, outbox, citizens, conversations, messages, unitAccess, clock, logger } = deps;
  const post = deps.post ?? postWebhook;
  const deliverers = new Map<string, ChannelDeliverer>();

  // Every instance claims both topics; a citizen push for a channel this process cannot send is put
  // back without using up an attempt (deliverToCitizen).
  const TOPICS = ['citizen', 'webhook'];

  async function retry(item: OutboxRecord, error: string) {
    const now = clock.now();
    const dead = item.attempts >= MAX_ATTEMPTS;
    if (dead) logger.error({ outboxId: item.id, event: item.event, attempts: item.attempts }, 'push given up after retries');
    else logger.warn({ outboxId: item.id, event: item.event, attempts: item.attempts, error }, 'push failed; will retry');
    await transactor.run(({ sql }) => outbox.retryLater(sql, item.id, error, new Date(now.getTime() + backoffMs(item.attempts)), dead));
  }

  async function deliverToCitizen(item: OutboxRecord): Promise<void> {
    const payload = JSON.parse(item.payload) as CitizenPushPayload;
    const now = clock.now();
    const address = await conversations.address(transactor.reader, payload.conversationId);
    if (!address) {
      await transactor.run(({ sql }) => outbox.markSkipped(sql, item.id, 'conversation not found', now));
      return;
    }
    if (!item.essential && item.citizenId !== null && (await citizens.notificationsOff(transactor.reader, item.citizenId))) {
      await transactor.run(({ sql }) => outbox.markSkipped(sql, item.id, 'citizen turned notifications off', now));
      return;
    }
    if (PULL_CHANNELS.has(address.channel)) {
      await transactor.run(async ({ sql }) => {
        await messages.insertOutbound(sql, address, null, payload.replies, now);
        await outbox.markSent(sql, item.id, now);
      });
      return;
    }
    const deliver = deliverers.get(address.channel);
    if (!deliver) {
      // Another process (the one logged in to WeChat) delivers it; put it back without counting.
      await transactor.run(({ sql }) => outbox.release(sql, item.id, new Date(now.getTime() + OFFLINE_RETRY_MS), `no ${address.channel} channel in this process`));
      return;
    }
    let delivered: boolean | 'offline';
    try {
      delivered = await deliver(address, payload.replies);
    } catch (error) {
      await retry(item, String((error as Error)?.message ?? error));
      return;
    }
    if (delivered === 'offline') {
      await transactor.run(({ sql }) => outbox.release(sql, item.id, new Date(clock.now().getTime() + OFFLINE_RETRY_MS), `${address.channel} is offline`));
      return;
    }
    if (!delivered) {
      await retry(item, 'channel did not take the message');
      return;
    }
    await transactor.run(async ({ sql }) => {
      await messages.insertOutbound(sql, address, null, payload.replies, clock.now());
      await outbox.markSent(sql, item.id, clock.now());
    });
  }

  async function deliverWebhook(item: OutboxRecord): Promise<void> {
    const now = clock.now();
    const hook = item.unitCode ? await unitAccess.webhook(transactor.reader, item.unitCode) : null;
    if (!hook) {
      await transactor.run(({ sql }) => outbox.markSkipped(sql, item.id, 'webhook removed', now));
      return;
    }
    const result = await post({ url: hook.url, secret: hook.secret, deliveryId: `jiesu-${item.id}`, event: item.event, payload: JSON.parse(item.payload), now: () => clock.now().getTime() });
    if (result.ok) {
      await transactor.run(({ sql }) => outbox.markSent(sql, item.id, clock.now()));
    } else if (result.retryable) {
      await retry(item, result.error);
    } else {
      logger.error({ outboxId: item.id, unitCode: item.unitCode, status: result.status }, 'webhook refused; not retried');
      await transactor.run(({ sql }) => outbox.retryLater(sql, item.id, result.error, now, true));
    }
  }

  return {
    /** A push channel living in this process (the WeChat bot) registers how to send. */
    registerChannel(channel: string, deliver: ChannelDeliverer): () => void {
      deliverers.set(channel, deliver);
      return () => deliverers.delete(channel);
    },

    /** Delivers what is due now; returns how many items were handled. */
    async tick(): Promise<number> {
      let handled = 0;
      for (;;) {
        const now = clock.now();
        const items = await transactor.run(({ sql }) => outbox.claim(sql, TOPICS, now, new Date(now.getTime() + LEASE_MS), BATCH));
        if (items.length === 0) return handled;
        for (const item of items) {
          try {
            if (item.topic === 'webhook') await deliverWebhook(item);
            else await deliverToCitizen(item);
          } catch (error) {
            logger.error({ err: error, outboxId: item.id }, 'outbox delivery failed');
            await retry(item, String((error as Error)?.message ?? error));
          }
          handled++;
        }
      }
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
