import { ScanStatus, WechatyBuilder, qrcodeValueToImageUrl, types } from 'wechaty';
import type { Contact, Message, OfficialPuppetNpmName, Room, Wechaty } from 'wechaty';
import type { impls, PuppetOptions } from 'wechaty-puppet';
import type { Config } from '../server/config.ts';
import type { Logger } from '../server/logger.ts';
import type { ConversationRunner } from '../server/conversation/runner.ts';
import type { Reply } from '../flows/domain/reply.ts';
import { maskPhoneNumbers, renderTurn } from '../server/conversation/render-text.ts';
import { createInboundDedupe, type InboundFingerprint } from './inbound-dedupe.ts';
import { createSendThrottle, DEFAULT_SEND_INTERVAL_MS, type SendThrottleOptions } from './send-throttle.ts';
import { wechatCopy } from './wechat.copy.ts';

/** The runner's channel name for WeChat: citizens' ids are scoped by it. */
export const WECHAT_CHANNEL = 'wechat';

/** What became of one inbound WeChat message. */
export type InboundOutcome =
  /** The turn's replies were sent as one message. */
  | 'answered'
  /** The turn's replies could not be sent after retries (logged). */
  | 'undelivered'
  /** A redelivery of a message already handled: nothing sent again. */
  | 'duplicate'
  /** The flow had nothing to say (a person has taken over the conversation). */
  | 'muted'
  /** Media in a private chat: the citizen was asked to type instead. */
  | 'not-text'
  /** The bot's own message. */
  | 'self'
  /** Sent before this login: offline history replayed by the puppet (wechaty#2517). */
  | 'stale'
  /** A group message that does not mention the bot. */
  | 'not-mentioned'
  /** Nothing to answer: system notices, recalls, official accounts, or the channel is stopping. */
  | 'ignored'
  /** The handler failed unexpectedly (logged); the citizen was asked to send again when possible. */
  | 'error';

export interface HandledEvent {
  messageId: string;
  outcome: InboundOutcome;
}

export interface WechatyChannelOptions {
  runner: Pick<ConversationRunner, 'handle'>;
  logger: Logger;
  wechaty: Config['wechaty'];
  /** A ready puppet instance (tests pass a PuppetMock); otherwise one is built from `wechaty.puppet`. */
  puppet?: impls.PuppetInterface;
  /** Messages stamped up to this long before login still count as new: clock skew, the login itself. */
  staleToleranceMs?: number;
  /** Back-off for restarting after a logout: doubles from `initialDelayMs` up to `maxDelayMs`. */
  restart?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Overrides for the send queue (tests shorten the retry back-off). */
  throttle?: Partial<Omit<SendThrottleOptions, 'logger' | 'intervalMs'>>;
  /** Called once per inbound message after it has been handled (metrics, tests). */
  onHandled?: (event: HandledEvent) => void;
  /** Wall-clock milliseconds, compared with WeChat's message timestamps. */
  now?: () => number;
}

export interface WechatyChannel {
  readonly bot: Wechaty;
  /**
   * Sends a push (progress, callback) to a citizen by their runner id, through the same throttle as
   * replies; true once WeChat took it. The outbox calls this and retries on false.
   */
  deliver(userId: string, replies: Reply[]): Promise<boolean | 'offline'>;
  start(): Promise<void>;
  /** Lets handlers in flight finish and the send queue drain (bounded), then stops the bot. */
  stop(): Promise<void>;
}

/** Media a citizen sends on purpose; they are told to type. Other non-text messages are notices. */
const ASK_TO_TYPE = new Set<types.Message>([
  types.Message.Attachment,
  types.Message.Audio,
  types.Message.ChatHistory,
  types.Message.Contact,
  types.Message.Emoticon,
  types.Message.Image,
  types.Message.Location,
  types.Message.MiniProgram,
  types.Message.Url,
  types.Message.Video,
]);

const STOP_WAIT_MS = 10_000;

type Target = { contact: Contact; room?: undefined } | { room: Room; contact: Contact };

interface HandlerState {
  target?: Target;
  reachedRunner: boolean;
}

/**
 * The WeChat adapter: one inbound text → one runner turn → one rendered WeChat message back.
 * Guards against the known Wechaty failure modes: the bot's own echoes, offline history replayed
 * after login, duplicate deliveries, send bursts that get the account flagged, and `error`
 * events or logouts that would otherwise end the process or leave it deaf.
 */
export function createWechatyChannel(options: WechatyChannelOptions): WechatyChannel {
  const { runner, logger, onHandled } = options;
  const now = options.now ?? Date.now;
  const staleToleranceMs = options.staleToleranceMs ?? 60_000;
  const initialRestartMs = options.restart?.initialDelayMs ?? 2_000;
  const maxRestartMs = options.restart?.maxDelayMs ?? 5 * 60_000;

  const bot = buildBot(options.wechaty, options.puppet);
  const throttle = createSendThrottle({
    logger,
    intervalMs: options.wechaty.sendIntervalMs ?? DEFAULT_SEND_INTERVAL_MS,
    ...options.throttle,
  });
  const dedupe = createInboundDedupe({ now });
  const inFlight = new Set<Promise<void>>();

  let loginAt: number | undefined;
  let staleLogged = false;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let restartAttempt = 0;

  const say = (target: Target, text: string) => (target.room ? target.room.say(text, target.contact) : target.contact.say(text));

  const send = (target: Target, text: string, messageId: string) =>
    throttle.send(() => say(target, text), { messageId, room: Boolean(target.room), chars: text.length });

  async function handle(msg: Message, state: HandlerState): Promise<InboundOutcome> {
    if (stopping) return 'ignored';
    if (msg.self()) return 'self';
    if (loginAt === undefined) return 'stale';
    const sentAt = msg.date().getTime();
    if (sentAt < loginAt - staleToleranceMs) {
      const fields = { messageId: msg.id, ageSeconds: Math.round((loginAt - sentAt) / 1000) };
      if (staleLogged) logger.debug(fields, 'ignoring a wechat message from before login');
      else logger.info(fields, 'ignoring wechat messages from before login (offline history replay)');
      staleLogged = true;
      return 'stale';
    }

    const room = msg.room();
    const talker = msg.talker();
    const type = msg.type();
    const isText = type === types.Message.Text;
    if (talker.type() === types.Contact.Official) return 'ignored';
    if (room) {
      // Media cannot mention anyone, so in a group only texts that mention the bot are for us.
      if (!isText || !(await msg.mentionSelf())) return 'not-mentioned';
    } else if (!isText && !ASK_TO_TYPE.has(type)) {
      return 'ignored';
    }

    const fingerprint: InboundFingerprint = {
      messageId: msg.id,
      roomId: room?.id,
      talkerId: talker.id,
      type,
      sentAt,
      text: isText ? msg.text() : '',
    };
    if (!dedupe.admit(fingerprint)) return 'duplicate';
    const target: Target = room ? { room, contact: talker } : { contact: talker };
    state.target = target;

    let attachment: { bytes: Buffer; mime?: string } | undefined;
    if (type === types.Message.Image) attachment = await downloadImage(msg);
    if (!isText && !attachment) {
      await send(target, wechatCopy.textOnly, msg.id);
      return 'not-text';
    }

    // A photo goes to the conversation too: it is kept when the citizen is adding it to a case.
    const text = attachment ? wechatCopy.imagePlaceholder : room ? await msg.mentionText() : msg.text();
    const started = performance.now();
    state.reachedRunner = true;
    const result = await runner.handle({ channel: WECHAT_CHANNEL, userId: userIdOf(talker, room), text, messageId: msg.id, attachment });
    const turn = {
      messageId: msg.id,
      room: Boolean(room),
      chars: text.length,
      replies: result.replies.length,
      ms: Math.round(performance.now() - started),
    };
    if (result.duplicate) {
      logger.debug(turn, 'wechat redelivery answered before; nothing sent');
      return 'duplicate';
    }
    if (result.failed) dedupe.forget(fingerprint);
    if (result.replies.length === 0) {
      logger.info(turn, 'wechat turn has no replies (conversation is with a person)');
      return 'muted';
    }
    // In a group everyone reads along: the read-back must not show the citizen's full number there.
    const body = renderTurn(result.replies);
    const delivered = await send(target, room ? maskPhoneNumbers(body) : body, msg.id);
    logger.info({ ...turn, delivered, failed: result.failed ?? false }, 'wechat turn');
    return delivered ? 'answered' : 'undelivered';
  }

  async function onMessage(msg: Message): Promise<void> {
    const state: HandlerState = { reachedRunner: false };
    let outcome: InboundOutcome;
    try {
      outcome = await handle(msg, state);
    } catch (error) {
      outcome = 'error';
      logger.error({ err: error, messageId: msg.id }, 'wechat message handler failed');
      // Before the runner nothing was recorded, so asking to resend is safe; after it, the turn stands.
      if (state.target && !state.reachedRunner) await send(state.target, wechatCopy.systemError, msg.id);
    }
    if (outcome !== 'self') logger.debug({ messageId: msg.id, outcome }, 'wechat message handled');
    try {
      onHandled?.({ messageId: msg.id, outcome });
    } catch (error) {
      logger.warn({ err: error }, 'onHandled listener failed');
    }
  }

  function scheduleRestart(): void {
    if (stopping || restartTimer) return;
    const delayMs = Math.min(maxRestartMs, initialRestartMs * 2 ** restartAttempt);
    restartAttempt++;
    logger.warn({ delayMs, attempt: restartAttempt }, 'wechat is offline; restarting the bot');
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      // Some puppets log back in by themselves; restarting then would only log out again.
      if (loginAt !== undefined) {
        logger.info('wechat logged back in by itself; restart skipped');
        return;
      }
      void restart();
    }, delayMs);
  }

  async function restart(): Promise<void> {
    if (stopping) return;
    loginAt = undefined;
    try {
      await bot.stop();
    } catch (error) {
      logger.warn({ err: error }, 'wechat bot did not stop cleanly before restart');
    }
    if (stopping) return;
    try {
      await bot.start();
      logger.info({ attempt: restartAttempt }, 'wechat bot restarted; waiting for login');
    } catch (error) {
      logger.error({ err: error, attempt: restartAttempt }, 'wechat bot restart failed');
      scheduleRestart();
    }
  }

  async function downloadImage(msg: Message): Promise<{ bytes: Buffer; mime?: string } | undefined> {
    try {
      const box = await msg.toImage().hd();
      const bytes = await box.toBuffer();
      return { bytes, mime: box.mediaType || undefined };
    } catch (error) {
      logger.warn({ err: error, messageId: msg.id }, 'could not download a wechat image');
      return undefined;
    }
  }

  /** Finds whom a runner user id stands for: a contact, or a member of a group (`<roomId>/<contactId>`). */
  async function targetOf(userId: string): Promise<Target | undefined> {
    const slash = userId.indexOf('/');
    if (slash < 0) {
      const contact = await bot.Contact.find({ id: userId });
      return contact ? { contact } : undefined;
    }
    const [room, contact] = await Promise.all([bot.Room.find({ id: userId.slice(0, slash) }), bot.Contact.find({ id: userId.slice(slash + 1) })]);
    return room && contact ? { room, contact } : undefined;
  }

  let pushCounter = 0;
  async function deliver(userId: string, replies: Reply[]): Promise<boolean | 'offline'> {
    // Logged out or stopping: the outbox keeps the push and tries again later, without using up an attempt.
    if (stopping || loginAt === undefined) return 'offline';
    const target = await targetOf(userId);
    if (!target) {
      logger.warn('push target not found in wechat');
      return false;
    }
    const body = renderTurn(replies);
    return send(target, target.room ? maskPhoneNumbers(body) : body, `push-${++pushCounter}`);
  }

  bot.on('scan', (qrcode, status) => {
    if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
      // The QR code is a login link for the operator, not personal data. `qrUrl` renders it on
      // wechaty.js.org; `qrcode` is the raw value for operators who render it themselves.
      logger.info(
        { qrUrl: qrcodeValueToImageUrl(qrcode), qrcode, status: ScanStatus[status] },
        'scan the QR code with WeChat to log in the bot',
      );
    } else {
      logger.info({ status: ScanStatus[status] }, 'wechat login scan');
    }
  });

  bot.on('login', (user) => {
    loginAt = now();
    staleLogged = false;
    restartAttempt = 0;
    logger.info({ account: user.id }, 'wechat logged in');
  });

  bot.on('logout', (user, reason) => {
    const wasOnline = loginAt !== undefined;
    loginAt = undefined;
    // Our own stop() and restart() clear loginAt first, so only an unexpected logout restarts.
    if (!wasOnline || stopping) return;
    logger.warn({ account: user.id, reason: String(reason ?? '') }, 'wechat logged out');
    scheduleRestart();
  });

  // Without a listener an `error` event throws and ends the process (wechaty#2685).
  bot.on('error', (error) => {
    logger.error({ err: error }, 'wechaty reported an error');
  });

  bot.on('message', (msg) => {
    const task = onMessage(msg).catch((error: unknown) => logger.error({ err: error }, 'wechat message handler crashed'));
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });

  return {
    bot,
    deliver,
    async start() {
      stopping = false;
      await bot.start();
      logger.info({ puppet: options.puppet ? 'instance' : options.wechaty.puppet, sendIntervalMs: options.wechaty.sendIntervalMs }, 'wechat channel started');
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      clearTimeout(restartTimer);
      restartTimer = undefined;
      await within(Promise.allSettled([...inFlight]), STOP_WAIT_MS);
      if (!(await within(throttle.drain(), STOP_WAIT_MS))) logger.warn({ pending: throttle.pending }, 'wechat replies still queued at shutdown');
      loginAt = undefined;
      try {
        await bot.stop();
      } catch (error) {
        logger.warn({ err: error }, 'wechat bot did not stop cleanly');
      }
      logger.info('wechat channel stopped');
    },
  };
}

/** Builds and starts the WeChat channel (used by `jiesu start` when WECHATY_PUPPET is set). */
export async function startWechatyChannel(options: WechatyChannelOptions): Promise<WechatyChannel> {
  const channel = createWechatyChannel(options);
  await channel.start();
  return channel;
}

/**
 * A citizen's id on the runner. In a group it is scoped by the group: a private conversation may
 * hold a half-filed case with a phone number and address, and its read-back must never appear in a
 * group, nor may a group message confirm it. The same person therefore has one conversation in
 * private and one per group.
 */
export function userIdOf(talker: Contact, room?: Room): string {
  return room ? `${room.id}/${talker.id}` : talker.id;
}

function buildBot(config: Config['wechaty'], puppet?: impls.PuppetInterface): Wechaty {
  if (puppet) return WechatyBuilder.build({ puppet });
  if (!config.puppet) throw new Error('WECHATY_PUPPET is not set: name a puppet such as wechaty-puppet-wechat4u');
  const puppetOptions: PuppetOptions = {};
  if (config.puppetToken) puppetOptions.token = config.puppetToken;
  if (config.puppetEndpoint) puppetOptions.endpoint = config.puppetEndpoint;
  // The name makes Wechaty keep the login session in ./jiesu.memory-card.json across restarts.
  // Any installed puppet package works; the cast only satisfies Wechaty's list of official names.
  return WechatyBuilder.build({ name: 'jiesu', puppet: config.puppet as OfficialPuppetNpmName, puppetOptions });
}

/** Waits for a promise at most `ms`; true when it settled in time. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
