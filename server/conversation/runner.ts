import { createActor, fromPromise, waitFor, type Actor, type SnapshotFrom, type StateValue } from 'xstate';
import type { Reply } from '../../flows/domain/reply.ts';
import {
  citizenMachine,
  FLOW_VERSION,
  pendingQuestion,
  type CallbackInput,
  type CallbackOutcome,
  type CaseActionInput,
  type ConsultationEmitted,
  type FileCaseInput,
  type FiledCase,
  type LookupInput,
  type PendingCallback,
} from '../../flows/router/router.machine.ts';
import type { CaseActionResult, CaseSummary } from '../../flows/followup/followup.logic.ts';
import type { CaseFollowUp } from '../cases/case-followup.ts';
import type { TextHints } from '../../flows/domain/hints.ts';
import type { ConsultInput, KnowledgeHit } from '../../flows/consult/consult.logic.ts';
import { detectCommand, isInjectionOrDataRequest } from '../../flows/domain/understand/commands.ts';
import { routerCopy } from '../../flows/router/router.copy.ts';
import type { CaseService } from '../cases/case.service.ts';
import type { CitizenRepository } from '../db/repositories/citizen.repository.ts';
import { ConcurrentTurnError, type ConversationRepository } from '../db/repositories/conversation.repository.ts';
import type { MessageRepository } from '../db/repositories/message.repository.ts';
import { createConsultationRepository, type ConsultationRepository } from '../db/repositories/consultation.repository.ts';
import type { Conversation } from '../db/entities.ts';
import type { Transactor } from '../db/transactor.ts';
import type { SqlSession } from '../db/sql.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import { createKeyedQueue } from './keyed-queue.ts';
import { prepareModelAnswers, type ModelAnswerDeps, type PreparedAnswers } from './model-answers.ts';

export interface InboundMessage {
  channel: string;
  userId: string;
  text: string;
  /** The channel's id for this message; a second delivery with the same id is answered from the log. */
  messageId?: string;
  /** A file sent with the message (a WeChat photo); kept only when the citizen is adding it to a case. */
  attachment?: { bytes: Buffer; mime?: string };
}

export interface TurnResult {
  replies: Reply[];
  /** True when this message id was seen before and the logged replies were returned. */
  duplicate: boolean;
  /** True when the turn could not be processed; nothing was saved and the citizen may resend. */
  failed?: boolean;
}

export interface RunnerDeps {
  transactor: Transactor;
  citizens: CitizenRepository;
  conversations: ConversationRepository;
  messages: MessageRepository;
  caseService: CaseService;
  clock: Clock;
  logger: Logger;
  /** Longer texts get a polite request to shorten them instead of being processed. */
  maxTextLength?: number;
  /** Upper bound for one turn's effects (filing a case); beyond it the turn fails and rolls back. */
  turnTimeoutMs?: number;
  consultations?: ConsultationRepository;
  /** Answers consultations from the knowledge base; without it every question gets the honest "I don't know". */
  knowledge?: { answer(question: string, limit?: number): KnowledgeHit[] };
  /** Optional model that reranks and phrases knowledge answers (`server/llm/answer-phraser.ts`); never throws. */
  phraser?: ModelAnswerDeps['phraser'];
  /** Following cases and the satisfaction callback in chat; without it those messages fail the turn. */
  followUp?: CaseFollowUp;
  /** Optional model that fills what the rules miss; bounded in time and never throws. */
  understander?: { understand(text: string, context: { asking?: string; known?: Record<string, unknown> }): Promise<TextHints['values'] | undefined> };
}

export const DEFAULT_MAX_TEXT_LENGTH = 2000;
const MAX_ATTEMPTS = 3;

type CitizenSnapshot = SnapshotFrom<typeof citizenMachine>;

function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, sub]) => (sub === undefined ? key : `${key}.${stateName(sub)}`))
    .join(',');
}

interface TurnScope {
  sql: SqlSession;
  conversation: Conversation;
  inbound: InboundMessage;
  failure?: unknown;
  /** The actor this turn ran on, kept alive after the commit. */
  actor?: Actor<typeof citizenMachine>;
  /** The model's answer to the question this turn searches, prepared before the transaction. */
  answers?: PreparedAnswers;
}

/** Conversations whose actors stay in memory between turns (least recently used leave first). */
const LIVE_ACTORS = 2000;

const atRest = (s: CitizenSnapshot) => s.status !== 'active' || s.hasTag('awaitingInput');

/**
 * The one conversation runner every channel shares. A turn is: lock the conversation, answer a
 * redelivery from the log, restore the flow, send the message, wait until the flow rests, then
 * save snapshot, messages and any new case in the same transaction.
 */
export function createConversationRunner(deps: RunnerDeps) {
  const { transactor, citizens, conversations, messages, caseService, clock, logger } = deps;
  const consultations = deps.consultations ?? createConsultationRepository();
  const maxTextLength = deps.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  const turnTimeoutMs = deps.turnTimeoutMs ?? 10_000;
  const queue = createKeyedQueue();

  // The machine is provided once (providing it per turn rebuilt it every time: a sixth of a turn's
  // cost). XState starts an invoked actor synchronously inside `actor.send()`, so the turn being sent
  // is handed to the effect through this variable, set just around that synchronous call. (An
  // AsyncLocalStorage would do the same but turns on promise hooks for every promise in the process.)
  let sending: TurnScope | undefined;
  /** An effect that runs inside the turn's transaction; a failure rolls the whole turn back. */
  const inTurn = <O, I>(work: (turn: TurnScope, input: I) => Promise<O>) =>
    fromPromise<O, I>(async ({ input }) => {
      const turn = sending;
      if (!turn) throw new Error('a turn effect started outside a turn');
      try {
        return await work(turn, input);
      } catch (error) {
        // Remembered so the turn rolls back even though the flow handles the failure as a state.
        turn.failure = error;
        throw error;
      }
    });
  const citizenOf = (turn: TurnScope) => ({ citizenId: turn.conversation.citizenId, channel: turn.conversation.channel, messageId: turn.inbound.messageId ?? null });
  const needFollowUp = () => {
    if (!deps.followUp) throw new Error('case follow-up is not configured');
    return deps.followUp;
  };
  const fileCase = inTurn<FiledCase, FileCaseInput>(({ sql, conversation }, input) => {
    const origin = { channel: conversation.channel, citizenId: conversation.citizenId, conversationId: conversation.id };
    return caseService.file(sql, input.draft, origin, new Date(input.at));
  });
  const lookupCases = inTurn<CaseSummary[], LookupInput>((turn, input) => needFollowUp().lookup(turn.sql, turn.conversation.citizenId, input.ticketNo));
  const actOnCase = inTurn<CaseActionResult, CaseActionInput>((turn, input) => needFollowUp().act(turn.sql, citizenOf(turn), input, turn.inbound.attachment, new Date(input.at)));
  const setNotifications = inTurn<boolean, { on: boolean; at: string }>((turn, input) => needFollowUp().setNotifications(turn.sql, turn.conversation.citizenId, input.on, new Date(input.at)));
  const recordCallback = inTurn<CallbackOutcome, CallbackInput>((turn, input) => needFollowUp().recordCallback(turn.sql, citizenOf(turn), input, new Date(input.at)));
  const answerQuestion = fromPromise<KnowledgeHit[], ConsultInput>(async ({ input }) => {
    // Read before any await: the actor starts synchronously inside the turn's send().
    const prepared = sending?.answers;
    if (prepared && prepared.question === input.question) return prepared.hits;
    return deps.knowledge?.answer(input.question) ?? [];
  });
  const machine = citizenMachine.provide({ actors: { fileCase, answerQuestion, lookupCases, actOnCase, setNotifications, recordCallback } });

  function startActor(snapshot?: unknown) {
    const actor = createActor(machine, snapshot ? { snapshot: snapshot as CitizenSnapshot } : undefined);
    // An observer for errors keeps XState from rethrowing them globally; the status check handles them.
    actor.subscribe({ error: () => undefined });
    actor.start();
    if (actor.getSnapshot().status !== 'active') throw new Error('restored actor is not active');
    return actor;
  }
  type LiveActor = ReturnType<typeof startActor>;

  /**
   * Actors of recently active conversations stay alive between turns, keyed by conversation and the
   * revision they reached; a turn reuses one only when the stored revision is still that one (another
   * process, or a rolled-back turn, makes it stale and the snapshot is restored instead). Restoring
   * a snapshot costs more than the rest of the machine's work in a turn.
   */
  const live = new Map<number, { revision: number; actor: LiveActor }>();
  const keepAlive = (conversationId: number, revision: number, actor: LiveActor) => {
    live.delete(conversationId);
    live.set(conversationId, { revision, actor });
    if (live.size > LIVE_ACTORS) {
      const [oldest] = live;
      if (oldest) {
        live.delete(oldest[0]);
        oldest[1].actor.stop();
      }
    }
  };
  const takeLive = (conversation: Conversation): LiveActor | undefined => {
    const entry = live.get(conversation.id);
    if (!entry) return undefined;
    live.delete(conversation.id);
    if (entry.revision === conversation.revision && conversation.flowVersion === FLOW_VERSION) return entry.actor;
    entry.actor.stop();
    return undefined;
  };

  /**
   * Ask the optional model before the transaction opens: on SQLite every conversation shares one
   * write path, on PostgreSQL the row lock would be held for the whole call. Messages the rules
   * settle on their own (commands, option numbers, refusals) and muted conversations skip it.
   */
  async function hintsFor(inbound: InboundMessage): Promise<TextHints | undefined> {
    const { understander } = deps;
    const text = inbound.text.trim();
    if (!understander || text.length > maxTextLength || /^\d{1,2}$/.test(text) || detectCommand(text) || isInjectionOrDataRequest(text)) {
      return undefined;
    }
    const current = await conversations.find(transactor.reader, inbound.channel, inbound.userId);
    const pending = current?.snapshot && current.flowVersion === FLOW_VERSION ? pendingQuestion(current.snapshot) : undefined;
    if (pending?.muted) return undefined;
    const values = await understander.understand(inbound.text, { asking: pending?.asking, known: pending?.known });
    return values ? { asking: pending?.asking, values } : undefined;
  }

  /** The model's reranked, phrased answer, asked before the transaction for the same reasons as hints. */
  async function answersFor(inbound: InboundMessage): Promise<PreparedAnswers | undefined> {
    const { knowledge, phraser } = deps;
    const text = inbound.text.trim();
    if (!knowledge || !phraser || text.length > maxTextLength || /^\d{1,2}$/.test(text) || detectCommand(text) || isInjectionOrDataRequest(text)) return undefined;
    const current = await conversations.find(transactor.reader, inbound.channel, inbound.userId);
    const snapshot = current?.snapshot && current.flowVersion === FLOW_VERSION ? current.snapshot : undefined;
    return prepareModelAnswers({ knowledge, phraser }, snapshot, inbound.text, clock.now());
  }

  async function runFlow(turn: TurnScope, text: string, at: Date, hints?: TextHints, pending?: PendingCallback) {
    const { conversation } = turn;
    const replies: Reply[] = [];
    let actor = takeLive(conversation);
    if (!actor) {
      const upToDate = conversation.snapshot !== null && conversation.flowVersion === FLOW_VERSION;
      try {
        actor = startActor(upToDate ? conversation.snapshot : undefined);
      } catch (error) {
        logger.warn({ conversationId: conversation.id, err: error }, 'snapshot could not be restored; starting over');
        actor = startActor();
        replies.push({ kind: 'text', text: routerCopy.restartedAfterUpgrade });
      }
      if (conversation.snapshot !== null && !upToDate) replies.push({ kind: 'text', text: routerCopy.restartedAfterUpgrade });
    }
    turn.actor = actor;

    const listening = actor.on('reply', (event) => replies.push(event.reply));
    const records: ConsultationEmitted[] = [];
    const recordingAsked = actor.on('consultation.asked', (event) => records.push(event));
    const recordingFeedback = actor.on('consultation.feedback', (event) => records.push(event));
    sending = turn;
    try {
      const file = turn.inbound.attachment;
      actor.send({
        type: 'user.text',
        text,
        at: at.toISOString(),
        hints,
        pending: pending ? { callback: pending } : undefined,
        attachment: file ? { mime: file.mime ?? 'application/octet-stream', size: file.bytes.length } : undefined,
      });
    } finally {
      sending = undefined;
    }
    const settled = await waitFor(actor, atRest, { timeout: turnTimeoutMs });
    listening.unsubscribe();
    recordingAsked.unsubscribe();
    recordingFeedback.unsubscribe();
    if (turn.failure) throw turn.failure;
    if (settled.status === 'error') throw settled.error;
    const snapshot = actor.getPersistedSnapshot();
    return { replies, records, update: { snapshot, flowVersion: FLOW_VERSION, state: stateName(settled.value) } };
  }

  async function turn(inbound: InboundMessage, hints: TextHints | undefined, answers?: PreparedAnswers): Promise<TurnResult> {
    const at = clock.now();
    let ran: TurnScope | undefined;
    try {
      const result = await transactor.run((tx) => turnIn(tx.sql, inbound, hints, at, (scope) => (ran = Object.assign(scope, { answers }))));
      // Committed: the actor is now exactly at the stored revision.
      if (ran?.actor) keepAlive(ran.conversation.id, ran.conversation.revision + 1, ran.actor);
      return result;
    } catch (error) {
      ran?.actor?.stop();
      throw error;
    }
  }

  async function turnIn(
    sql: SqlSession,
    inbound: InboundMessage,
    hints: TextHints | undefined,
    at: Date,
    started: (scope: TurnScope) => void,
  ): Promise<TurnResult> {
    {
      let conversation = await conversations.findLocked(sql, inbound.channel, inbound.userId);
      if (!conversation) {
        const citizen = await citizens.findOrCreate(sql, inbound.channel, inbound.userId, at);
        conversation = await conversations.create(sql, citizen, FLOW_VERSION, at);
      }
      const tooLong = inbound.text.length > maxTextLength;
      // Logged after the lock: a concurrent redelivery waits for the first one and then conflicts here.
      const inboundId = await messages.insertInbound(sql, {
        conversation,
        channelMessageId: inbound.messageId ?? null,
        text: tooLong ? inbound.text.slice(0, maxTextLength) : inbound.text,
        at,
      });
      if (inboundId === null) {
        return { replies: await messages.repliesToDelivered(sql, conversation, inbound.messageId ?? ''), duplicate: true };
      }
      let replies: Reply[];
      if (tooLong) {
        replies = [{ kind: 'error', text: routerCopy.tooLong(maxTextLength), data: { code: 'text_too_long', maxLength: maxTextLength } }];
      } else {
        const scope: TurnScope = { sql, conversation, inbound };
        started(scope);
        // A callback may be waiting since the last turn (a unit resolved the case meanwhile).
        const pending = deps.followUp && conversation.hasPendingCallback ? await deps.followUp.pendingCallback(sql, conversation.citizenId) : undefined;
        const outcome = await runFlow(scope, inbound.text, at, hints, pending);
        replies = outcome.replies;
        for (const record of outcome.records) {
          if (record.type === 'consultation.asked') await consultations.insert(sql, conversation, record, at);
          else await consultations.recordFeedback(sql, conversation.id, record.helped, at);
        }
        await conversations.save(sql, conversation, outcome.update, at);
      }
      await messages.insertOutbound(sql, conversation, inboundId, replies, at);
      return { replies, duplicate: false };
    }
  }

  return {
    /** Process one citizen message and return what to say back. Never throws. */
    handle(inbound: InboundMessage): Promise<TurnResult> {
      return queue.run(`${inbound.channel}\u0000${inbound.userId}`, async () => {
        const started = performance.now();
        // Once per message, outside the retry loop: a lost race does not ask the model again.
        const [hints, answers] = await Promise.all([hintsFor(inbound).catch(() => undefined), answersFor(inbound).catch(() => undefined)]);
        for (let attempt = 1; ; attempt++) {
          try {
            const result = await turn(inbound, hints, answers);
            logger.debug({ channel: inbound.channel, ms: Math.round(performance.now() - started), duplicate: result.duplicate }, 'turn');
            return result;
          } catch (error) {
            if (isRetryable(error) && attempt < MAX_ATTEMPTS) continue;
            logger.error({ err: error, channel: inbound.channel, attempt }, 'turn failed; nothing was saved');
            return { replies: [{ kind: 'error', text: routerCopy.systemError }], duplicate: false, failed: true };
          }
        }
      });
    },
  };
}

/** Lost races that a fresh attempt resolves: a stale revision, a unique key taken meanwhile, a deadlock. */
function isRetryable(error: unknown): boolean {
  if (error instanceof ConcurrentTurnError) return true;
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === '23505' || code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export type ConversationRunner = ReturnType<typeof createConversationRunner>;
