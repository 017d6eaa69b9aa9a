import { EntitySchema } from 'typeorm';

/**
 * Tables of the case lifecycle (migration 0004). Kept beside entities.ts so each file stays readable;
 * test/db/schema.test.ts checks both against the migrations.
 */

const id = { type: 'integer', primary: true, generated: 'increment' } as const;
const time = (name: string) => ({ type: Date, name }) as const;
const optionalTime = (name: string) => ({ type: Date, name, nullable: true }) as const;

export interface CallbackRecord {
  id: number;
  caseId: number;
  citizenId: number;
  /** 1 for the first resolution, 2 after a reopen and the next resolution, … */
  round: number;
  unitCode: string | null;
  /** asking → answered | unreachable | void (closed by an administrator meanwhile). */
  status: string;
  /** The question put last (contacted, resolved, satisfaction). */
  asking: string | null;
  contacted: boolean | null;
  resolved: boolean | null;
  satisfaction: string | null;
  comment: string | null;
  reminders: number;
  /** Provenance of the answers: the channel and the ids of the citizen's messages. */
  channel: string | null;
  messageIds: string | null;
  resolvedAt: Date;
  askedAt: Date;
  answeredAt: Date | null;
  updatedAt: Date;
}

export const CallbackSchema = new EntitySchema<CallbackRecord>({
  name: 'CaseCallback',
  tableName: 'case_callbacks',
  columns: {
    id,
    caseId: { type: 'integer', name: 'case_id' },
    citizenId: { type: 'integer', name: 'citizen_id' },
    round: { type: 'integer' },
    unitCode: { type: 'varchar', length: 32, name: 'unit_code', nullable: true },
    status: { type: 'varchar', length: 16 },
    asking: { type: 'varchar', length: 16, nullable: true },
    contacted: { type: 'boolean', nullable: true },
    resolved: { type: 'boolean', nullable: true },
    satisfaction: { type: 'varchar', length: 8, nullable: true },
    comment: { type: 'text', nullable: true },
    reminders: { type: 'integer' },
    channel: { type: 'varchar', length: 32, nullable: true },
    messageIds: { type: 'text', name: 'message_ids', nullable: true },
    resolvedAt: time('resolved_at'),
    askedAt: time('asked_at'),
    answeredAt: optionalTime('answered_at'),
    updatedAt: time('updated_at'),
  },
  uniques: [{ name: 'UQ_case_callbacks_case_round', columns: ['caseId', 'round'] }],
  indices: [{ name: 'IDX_case_callbacks_citizen_status', columns: ['citizenId', 'status'] }],
});

export interface ScheduledJob {
  id: number;
  kind: string;
  caseId: number;
  round: number;
  runAt: Date;
  /** pending → done | cancelled */
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export const ScheduledJobSchema = new EntitySchema<ScheduledJob>({
  name: 'ScheduledJob',
  tableName: 'scheduled_jobs',
  columns: {
    id,
    kind: { type: 'varchar', length: 32 },
    caseId: { type: 'integer', name: 'case_id' },
    round: { type: 'integer' },
    runAt: time('run_at'),
    status: { type: 'varchar', length: 12 },
    attempts: { type: 'integer' },
    lastError: { type: 'text', name: 'last_error', nullable: true },
    createdAt: time('created_at'),
    doneAt: optionalTime('done_at'),
  },
  indices: [
    { name: 'IDX_scheduled_jobs_due', columns: ['status', 'runAt'] },
    { name: 'IDX_scheduled_jobs_case', columns: ['caseId'] },
  ],
});

export interface OutboxRecord {
  id: number;
  /** citizen (a push on the citizen's channel) or webhook (a unit's system). */
  topic: string;
  event: string;
  caseId: number | null;
  citizenId: number | null;
  unitCode: string | null;
  payload: string;
  /** Urgent pushes ignore quiet hours. */
  urgent: boolean;
  /** Essential pushes (the callback's first question) reach citizens who turned notices off. */
  essential: boolean;
  /** pending → sending → sent | skipped | dead */
  status: string;
  attempts: number;
  availableAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const OutboxSchema = new EntitySchema<OutboxRecord>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    id,
    topic: { type: 'varchar', length: 16 },
    event: { type: 'varchar', length: 48 },
    caseId: { type: 'integer', name: 'case_id', nullable: true },
    citizenId: { type: 'integer', name: 'citizen_id', nullable: true },
    unitCode: { type: 'varchar', length: 32, name: 'unit_code', nullable: true },
    payload: { type: 'text' },
    urgent: { type: 'boolean' },
    essential: { type: 'boolean' },
    status: { type: 'varchar', length: 12 },
    attempts: { type: 'integer' },
    availableAt: time('available_at'),
    lastError: { type: 'text', name: 'last_error', nullable: true },
    createdAt: time('created_at'),
    sentAt: optionalTime('sent_at'),
  },
  indices: [{ name: 'IDX_outbox_due', columns: ['status', 'availableAt'] }],
});

export interface UnitKey {
  id: number;
  unitCode: string;
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  keyHash: string;
  keyPrefix: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const UnitKeySchema = new EntitySchema<UnitKey>({
  name: 'UnitKey',
  tableName: 'unit_keys',
  columns: {
    id,
    unitCode: { type: 'varchar', length: 32, name: 'unit_code' },
    keyHash: { type: 'varchar', length: 64, name: 'key_hash' },
    keyPrefix: { type: 'varchar', length: 16, name: 'key_prefix' },
    createdBy: { type: 'varchar', length: 64, name: 'created_by' },
    createdAt: time('created_at'),
    revokedAt: optionalTime('revoked_at'),
  },
  uniques: [{ name: 'UQ_unit_keys_hash', columns: ['keyHash'] }],
});

export interface UnitWebhook {
  id: number;
  unitCode: string;
  url: string;
  secret: string;
  createdAt: Date;
  updatedAt: Date;
}

export const UnitWebhookSchema = new EntitySchema<UnitWebhook>({
  name: 'UnitWebhook',
  tableName: 'unit_webhooks',
  columns: {
    id,
    unitCode: { type: 'varchar', length: 32, name: 'unit_code' },
    url: { type: 'varchar', length: 500 },
    secret: { type: 'varchar', length: 128 },
    createdAt: time('created_at'),
    updatedAt: time('updated_at'),
  },
  uniques: [{ name: 'UQ_unit_webhooks_unit', columns: ['unitCode'] }],
});

export interface CaseAttachment {
  id: number;
  caseId: number;
  sha256: string;
  mime: string;
  size: number;
  source: string;
  createdAt: Date;
}

export const CaseAttachmentSchema = new EntitySchema<CaseAttachment>({
  name: 'CaseAttachment',
  tableName: 'case_attachments',
  columns: {
    id,
    caseId: { type: 'integer', name: 'case_id' },
    sha256: { type: 'varchar', length: 64 },
    mime: { type: 'varchar', length: 64 },
    size: { type: 'integer' },
    source: { type: 'varchar', length: 32 },
    createdAt: time('created_at'),
  },
  uniques: [{ name: 'UQ_case_attachments_case_hash', columns: ['caseId', 'sha256'] }],
});

export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
  createdAt: Date;
}

export const AuditSchema = new EntitySchema<AuditEntry>({
  name: 'AuditEntry',
  tableName: 'audit_log',
  columns: {
    id,
    actor: { type: 'varchar', length: 64 },
    action: { type: 'varchar', length: 32 },
    target: { type: 'varchar', length: 64 },
    detail: { type: 'text', nullable: true },
    createdAt: time('created_at'),
  },
});

export const LIFECYCLE_ENTITIES = [CallbackSchema, ScheduledJobSchema, OutboxSchema, UnitKeySchema, UnitWebhookSchema, CaseAttachmentSchema, AuditSchema];
