import type { EventEmitter } from 'node:events';
import { types } from 'wechaty';
import type { payloads } from 'wechaty-puppet';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { HandledEvent, InboundOutcome } from '../wechaty-channel.ts';

/**
 * A pretend WeChat for tests: `wechaty-puppet-mock` plays the bot's account and the citizens who
 * write to it. Citizens see what the bot sends them; tests can wait for what became of a message.
 */
export interface MockWechat {
  puppet: PuppetMock;
  mocker: mock.Mocker;
  /** The bot's own WeChat account. */
  account: mock.ContactMock;
  /** Pass to the channel as `onHandled`. */
  onHandled(event: HandledEvent): void;
  /** Resolves with what the channel did with a message (waits until it is handled). */
  outcome(messageId: string): Promise<InboundOutcome>;
  login(): void;
  /** The bot's account writes to a citizen itself (an operator typing on the phone); returns the id. */
  accountSays(to: MockCitizen, text: string): string;
  citizen(name: string): MockCitizen;
  group(topic: string, members: MockCitizen[]): MockGroup;
}

export interface Delivery {
  /** Message id; defaults to a fresh one. */
  id?: string;
  /** When the citizen sent it (ms since epoch); defaults to now. */
  sentAt?: number;
  type?: types.Message;
}

export interface MockCitizen {
  contact: mock.ContactMock;
  /** Everything the bot has said to this citizen in private chat, oldest first. */
  readonly inbox: string[];
  /** Sends the bot a private message; returns its id. */
  send(text: string, delivery?: Delivery): string;
  /** Sends the bot a picture; returns its id. */
  sendImage(delivery?: Delivery): string;
  /** Resolves with the next message the bot sends this citizen in private chat. */
  nextReply(): Promise<string>;
  /** Sends a text and resolves with the bot's answer to it. */
  ask(text: string): Promise<string>;
}

export interface MockGroup {
  room: mock.RoomMock;
  /** Everything the bot has said in the group, oldest first, as members see it (with the @mention). */
  readonly messages: string[];
  /** A member writes in the group, mentioning the bot when `mentionBot` is set; returns the id. */
  send(from: MockCitizen, text: string, options?: { mentionBot?: boolean }): string;
  nextMessage(): Promise<string>;
}

const REPLY_TIMEOUT_MS = 5_000;
const AT_SEPARATOR = '\u2005';

let counter = 0;
const nextId = () => `mock-msg-${process.pid}-${++counter}`;

/**
 * The mock's contacts and rooms are Node event emitters whose typings (typed-emitter) do not resolve
 * under NodeNext, so they are listened to through the plain EventEmitter type.
 */
function onMockMessage(source: mock.ContactMock | mock.RoomMock, listener: (m: mock.MessageMock) => void): void {
  (source as unknown as EventEmitter).on('message', listener);
}

/** A list that can be awaited item by item. */
function createMailbox(label: string) {
  const items: string[] = [];
  const waiters: Array<(text: string) => void> = [];
  let read = 0;
  return {
    items,
    push(text: string) {
      items.push(text);
      const waiter = waiters.shift();
      if (waiter) waiter(items[read++] as string);
    },
    next(): Promise<string> {
      if (read < items.length) return Promise.resolve(items[read++] as string);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(deliver), 1);
          reject(new Error(`${label}: the bot sent nothing within ${REPLY_TIMEOUT_MS} ms`));
        }, REPLY_TIMEOUT_MS);
        const deliver = (text: string) => {
          clearTimeout(timer);
          resolve(text);
        };
        waiters.push(deliver);
      });
    },
  };
}

export function createMockWechat(accountName = '接诉即办'): MockWechat {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const account = mocker.createContact({ name: accountName });
  // Per message id and in order: a redelivered message is handled once per delivery.
  const outcomes = new Map<string, InboundOutcome[]>();
  const outcomeWaiters = new Map<string, Array<(o: InboundOutcome) => void>>();

  const deliver = (payload: payloads.Message) => {
    // A fresh id creates the message; a known id is a redelivery of the same message.
    if (!mocker.cacheMessagePayload.has(payload.id)) mocker.MessageMock.create(payload);
    puppet.emit('message', { messageId: payload.id });
    return payload.id;
  };

  const wechat: MockWechat = {
    puppet,
    mocker,
    account,
    onHandled({ messageId, outcome }) {
      const waiter = outcomeWaiters.get(messageId)?.shift();
      if (waiter) waiter(outcome);
      else outcomes.set(messageId, [...(outcomes.get(messageId) ?? []), outcome]);
    },
    outcome(messageId) {
      const known = outcomes.get(messageId)?.shift();
      if (known) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`message ${messageId} was not handled within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
        const waiters = outcomeWaiters.get(messageId) ?? [];
        waiters.push((outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        });
        outcomeWaiters.set(messageId, waiters);
      });
    },
    login() {
      mocker.login(account);
    },
    accountSays(to, text) {
      return deliver({
        id: nextId(),
        talkerId: account.id,
        listenerId: to.contact.id,
        timestamp: Date.now(),
        type: types.Message.Text,
        text,
      } as payloads.Message);
    },
    citizen(name) {
      const contact = mocker.createContact({ name });
      const mailbox = createMailbox(name);
      onMockMessage(contact, (m) => {
        if (m.talker().id === account.id && !m.room()) mailbox.push(m.text() ?? '');
      });
      const sendAs = (type: types.Message, text: string | undefined, delivery: Delivery = {}) =>
        deliver({
          id: delivery.id ?? nextId(),
          talkerId: contact.id,
          listenerId: account.id,
          timestamp: delivery.sentAt ?? Date.now(),
          type: delivery.type ?? type,
          text,
        } as payloads.Message);
      const citizen: MockCitizen = {
        contact,
        inbox: mailbox.items,
        send: (text, delivery) => sendAs(types.Message.Text, text, delivery),
        sendImage: (delivery) => sendAs(types.Message.Image, undefined, delivery),
        nextReply: () => mailbox.next(),
        async ask(text) {
          const reply = mailbox.next();
          citizen.send(text);
          return reply;
        },
      };
      return citizen;
    },
    group(topic, members) {
      const room = mocker.createRoom({ topic, memberIdList: [account.id, ...members.map((m) => m.contact.id)] });
      const mailbox = createMailbox(topic);
      onMockMessage(room, (m) => {
        if (m.talker().id === account.id) mailbox.push(m.text() ?? '');
      });
      return {
        room,
        messages: mailbox.items,
        send(from, text, options = {}) {
          return deliver({
            id: nextId(),
            talkerId: from.contact.id,
            roomId: room.id,
            mentionIdList: options.mentionBot ? [account.id] : [],
            timestamp: Date.now(),
            type: types.Message.Text,
            text: options.mentionBot ? `@${accountName}${AT_SEPARATOR}${text}` : text,
          } as payloads.Message);
        },
        nextMessage: () => mailbox.next(),
      };
    },
  };
  return wechat;
}
