import type { DataSource } from 'typeorm';
import type { Config } from './config.ts';
import { openDatabase } from './db/data-source.ts';
import { createTransactor, type Transactor } from './db/transactor.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { createCitizenRepository } from './db/repositories/citizen.repository.ts';
import { createConversationRepository } from './db/repositories/conversation.repository.ts';
import { createMessageRepository } from './db/repositories/message.repository.ts';
import { createCaseRepository } from './db/repositories/case.repository.ts';
import { createCaseService } from './cases/case.service.ts';
import { createCaseQueries } from './cases/case.queries.ts';
import { createConversationRunner } from './conversation/runner.ts';
import { createPushQueries } from './conversation/push.queries.ts';
import { systemClock, type Clock } from './clock.ts';
import { createLlmUnderstander, type LlmUnderstander } from './llm/understander.ts';
import { createLlmAnswerPhraser } from './llm/answer-phraser.ts';
import { BUNDLED_KNOWLEDGE_DIR, createKnowledgeAnswers } from './conversation/knowledge-answers.ts';
import { createConsultationRepository } from './db/repositories/consultation.repository.ts';
import { createLogger, type Logger } from './logger.ts';
import { createCallbackRepository } from './db/repositories/callback.repository.ts';
import { createJobRepository } from './db/repositories/job.repository.ts';
import { createOutboxRepository } from './db/repositories/outbox.repository.ts';
import { createUnitAccessRepository } from './db/repositories/unit-access.repository.ts';
import { createAuditRepository } from './db/repositories/audit.repository.ts';
import { createAttachmentRepository } from './db/repositories/attachment.repository.ts';
import { createAttachmentStore } from './attachments/attachment-store.ts';
import { createCaseNotifier } from './cases/case-notifier.ts';
import { createCaseWorkflow } from './cases/case-workflow.ts';
import { createCaseFollowUp } from './cases/case-followup.ts';
import { caseTimerHandlers } from './cases/case-timers.ts';
import { createWorkService } from './cases/work.service.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import { createOutboxDispatcher } from './outbox/outbox-dispatcher.ts';
import { createWorkers } from './workers.ts';
import type { WebhookPost, WebhookPostResult } from './webhooks/deliver-webhook.ts';

export interface RuntimeOptions {
  logger?: Logger;
  clock?: Clock;
  /** PostgreSQL schema (tests isolate suites this way). */
  schema?: string;
  /** Replaces the model-backed understander (tests); null turns the model off (answer phrasing too) even with OPENAI_API_KEY set. */
  understander?: LlmUnderstander | null;
  /** Replaces webhook HTTP delivery (tests that count or fail deliveries). */
  postWebhook?: (input: WebhookPost) => Promise<WebhookPostResult>;
}

/**
 * The composition root: the only place that knows every concrete part. Importing any module does
 * no work; calling this opens the database, runs migrations and wires services.
 */
export async function createRuntime(config: Config, options: RuntimeOptions = {}) {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const dataSource: DataSource = await openDatabase(config.database, { schema: options.schema });
  const transactor: Transactor = createTransactor(dataSource);
  const checkpointer = config.database.engine === 'sqlite' && config.database.path !== ':memory:' ? startCheckpointer(config.database.path, logger) : undefined;
  const caseRepository = createCaseRepository();
  const messages = createMessageRepository();
  const citizens = createCitizenRepository();

  const understander =
    options.understander === undefined
      ? config.openai && createLlmUnderstander({ ...config.openai, logger: logger.child({ component: 'llm' }) })
      : (options.understander ?? undefined);
  if (config.openai && options.understander === undefined) {
    // Only the host: a base URL can carry credentials.
    const host = config.openai.baseUrl ? new URL(config.openai.baseUrl).host : 'api.openai.com';
    logger.info({ model: config.openai.model, host }, 'LLM understanding on');
  }

  const callbacks = createCallbackRepository();
  const jobs = createJobRepository();
  const outbox = createOutboxRepository();
  const unitAccess = createUnitAccessRepository();
  const audit = createAuditRepository();
  const attachments = createAttachmentRepository();
  const conversations = createConversationRepository();
  const store = createAttachmentStore(config.attachmentsDir);
  const notifier = createCaseNotifier({ outbox, unitAccess, quietHours: config.quietHours });
  const workflow = createCaseWorkflow({ cases: caseRepository, callbacks, jobs, notifier });
  const followUp = createCaseFollowUp({ cases: caseRepository, callbacks, citizens, attachments, jobs, store, workflow });
  const scheduler = createScheduler({ transactor, jobs, clock, logger, handlers: caseTimerHandlers({ cases: caseRepository, callbacks, jobs, notifier, workflow }) });
  const dispatcher = createOutboxDispatcher({ transactor, outbox, citizens, conversations, messages, unitAccess, clock, logger, post: options.postWebhook });
  const workers = createWorkers({ scheduler, dispatcher, logger, intervalMs: config.workerIntervalMs });

  const consultationRecords = createConsultationRepository();
  const knowledge = createKnowledgeAnswers(config.knowledgeDir ?? BUNDLED_KNOWLEDGE_DIR, clock, logger);
  knowledge.warm();
  // Same model and settings as the understander; switched off with it.
  const phraser = config.openai && options.understander !== null ? createLlmAnswerPhraser({ ...config.openai, logger: logger.child({ component: 'llm' }) }) : undefined;

  const runner = createConversationRunner({
    understander: understander || undefined,
    knowledge,
    phraser,
    consultations: consultationRecords,
    transactor,
    citizens,
    conversations,
    messages,
    caseService: createCaseService(caseRepository, workflow),
    followUp,
    clock,
    logger,
  });

  return {
    config,
    logger,
    clock,
    dataSource,
    transactor,
    runner,
    cases: createCaseQueries(transactor.reader, caseRepository, citizens, callbacks),
    work: createWorkService({ transactor, clock, cases: caseRepository, callbacks, unitAccess, audit, attachments, store, workflow, outbox, citizens }),
    workers,
    /** Push channels in this process (the WeChat bot) register how to deliver here. */
    outbox: dispatcher,
    pushes: createPushQueries(transactor.reader, citizens, messages),
    consultations: {
      gaps: (limit = 20) => consultationRecords.gaps(transactor.reader, limit),
      stats: () => consultationRecords.stats(transactor.reader),
    },
    async healthy(): Promise<boolean> {
      try {
        await dataSource.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close(): Promise<void> {
      await workers.stop();
      await checkpointer?.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
