import { EntitySchema } from 'typeorm';
import type { Reply } from '../../flows/domain/reply.ts';
import { LIFECYCLE_ENTITIES } from './lifecycle-entities.ts';

/**
 * Entities as EntitySchema rather than decorators: esbuild/oxc (vitest, tsx) emit no decorator
 * metadata, and explicit column types are what keep SQLite and PostgreSQL in step anyway.
 * `type: Date` lets each driver choose its own timestamp type (datetime / timestamp).
 */

export interface Citizen {
  id: number;
  channel: string;
  externalId: string;
  createdAt: Date;
  /** Set when the citizen said 不要再通知我: progress pushes stop until they turn them back on. */
  notificationsOffAt?: Date | null;
}

export interface Conversation {
  id: number;
  citizenId: number;
  channel: string;
  userId: string;
  flowVersion: number;
  snapshot: object | null;
  /** Incremented on every saved turn; a save that finds another revision lost a race and retries. */
  revision: number;
  state: string;
  createdAt: Date;
  updatedAt: Date;
}

export type Direction = 'in' | 'out';

export interface Message {
  id: number;
  conversationId: number;
  citizenId: number;
  channel: string;
  direction: Direction;
  /** The channel's own id for an inbound message: redelivery of the same id is answered from the log. */
  channelMessageId: string | null;
  /** For a reply: the inbound message it answers. Null for messages pushed later (progress, callbacks). */
  inReplyTo: number | null;
  kind: string;
  body: { text: string } | Reply;
  createdAt: Date;
}

export interface CaseRecord {
  id: number;
  ticketNo: string;
  type: string;
  category: string | null;
  districtCode: string | null;
  district: string | null;
  streetCode: string | null;
  street: string | null;
  address: string | null;
  description: string;
  phone: string;
  name: string | null;
  confidential: boolean;
  status: string;
  unitCode: string | null;
  unitName: string | null;
  unitKind: string | null;
  /** The category tree's node id (flows/domain/categories), and its names joined by ' > '. */
  categoryId: string | null;
  categoryPath: string | null;
  /** The routing rule that chose the unit, e.g. `line:wage-arrears→district:RSJ`. */
  routingRule: string | null;
  /** 四级响应: 2h, 24h, 7d or 15d; `dueAt` = filing time + that many hours. */
  responseLevel: string | null;
  dueAt: Date | null;
  channel: string;
  citizenId: number;
  conversationId: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Step times and flags of the lifecycle (migration 0004); null until the step happens. */
export interface CaseProgress {
  /** First contact must happen by then (response deadline); `dueAt` is the resolution deadline. */
  contactDueAt: Date | null;
  dispatchedAt: Date | null;
  acceptedAt: Date | null;
  contactedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  contactOverdueAt: Date | null;
  resolveOverdueAt: Date | null;
  /** 核减: out of the monthly scoring, with the administrator's reason. */
  excludedAt: Date | null;
  excludedReason: string | null;
  /** Handed to an operator after a second "not solved". */
  escalatedAt: Date | null;
  /** A unit's pending extension request: the new resolution deadline and why. */
  extensionDueAt: Date | null;
  extensionReason: string | null;
  lastUrgedAt: Date | null;
}

export type FullCase = CaseRecord & CaseProgress;

export interface CaseEvent {
  id: number;
  caseId: number;
  type: string;
  actor: string;
  note: string | null;
  data: Record<string, unknown> | null;
  createdAt: Date;
}

export interface TicketSequence {
  day: string;
  last: number;
}

const id = { type: 'integer', primary: true, generated: 'increment' } as const;
const timestamp = (name: string) => ({ type: Date, name }) as const;
const optionalTime = (name: string) => ({ type: Date, name, nullable: true }) as const;

export const CitizenSchema = new EntitySchema<Citizen>({
  name: 'Citizen',
  tableName: 'citizens',
  columns: {
    id,
    channel: { type: 'varchar', length: 32 },
    externalId: { type: 'varchar', length: 191, name: 'external_id' },
    createdAt: timestamp('created_at'),
    notificationsOffAt: { type: Date, name: 'notifications_off_at', nullable: true },
  },
  uniques: [{ name: 'UQ_citizens_channel_external_id', columns: ['channel', 'externalId'] }],
});

export const ConversationSchema = new EntitySchema<Conversation>({
  name: 'Conversation',
  tableName: 'conversations',
  columns: {
    id,
    citizenId: { type: 'integer', name: 'citizen_id' },
    channel: { type: 'varchar', length: 32 },
    userId: { type: 'varchar', length: 191, name: 'user_id' },
    flowVersion: { type: 'integer', name: 'flow_version' },
    snapshot: { type: 'simple-json', nullable: true },
    revision: { type: 'integer' },
    state: { type: 'varchar', length: 64 },
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  uniques: [
    { name: 'UQ_conversations_citizen', columns: ['citizenId'] },
    // Every turn finds its conversation by (channel, user) in one indexed lookup.
    { name: 'UQ_conversations_channel_user', columns: ['channel', 'userId'] },
  ],
});

export const MessageSchema = new EntitySchema<Message>({
  name: 'Message',
  tableName: 'messages',
  columns: {
    id,
    conversationId: { type: 'integer', name: 'conversation_id' },
    citizenId: { type: 'integer', name: 'citizen_id' },
    channel: { type: 'varchar', length: 32 },
    direction: { type: 'varchar', length: 8 },
    channelMessageId: { type: 'varchar', length: 191, name: 'channel_message_id', nullable: true },
    inReplyTo: { type: 'integer', name: 'in_reply_to', nullable: true },
    kind: { type: 'varchar', length: 32 },
    body: { type: 'simple-json' },
    createdAt: timestamp('created_at'),
  },
  uniques: [{ name: 'UQ_messages_channel_message_id', columns: ['channel', 'channelMessageId'] }],
  // Few indexes on purpose: every turn writes here. (citizen_id, id) serves transcripts, pushes and
  // the replies to a redelivered message; a citizen has exactly one conversation per channel.
  indices: [{ name: 'IDX_messages_citizen', columns: ['citizenId', 'id'] }],
});

export const CaseSchema = new EntitySchema<FullCase>({
  name: 'Case',
  tableName: 'cases',
  columns: {
    id,
    ticketNo: { type: 'varchar', length: 20, name: 'ticket_no' },
    type: { type: 'varchar', length: 8 },
    category: { type: 'varchar', length: 64, nullable: true },
    districtCode: { type: 'varchar', length: 12, name: 'district_code', nullable: true },
    district: { type: 'varchar', length: 32, nullable: true },
    streetCode: { type: 'varchar', length: 12, name: 'street_code', nullable: true },
    street: { type: 'varchar', length: 64, nullable: true },
    address: { type: 'varchar', length: 255, nullable: true },
    description: { type: 'text' },
    phone: { type: 'varchar', length: 32 },
    name: { type: 'varchar', length: 64, nullable: true },
    confidential: { type: 'boolean' },
    status: { type: 'varchar', length: 20 },
    unitCode: { type: 'varchar', length: 32, name: 'unit_code', nullable: true },
    unitName: { type: 'varchar', length: 128, name: 'unit_name', nullable: true },
    unitKind: { type: 'varchar', length: 32, name: 'unit_kind', nullable: true },
    categoryId: { type: 'varchar', length: 32, name: 'category_id', nullable: true },
    categoryPath: { type: 'varchar', length: 255, name: 'category_path', nullable: true },
    routingRule: { type: 'varchar', length: 128, name: 'routing_rule', nullable: true },
    responseLevel: { type: 'varchar', length: 4, name: 'response_level', nullable: true },
    dueAt: { type: Date, name: 'due_at', nullable: true },
    channel: { type: 'varchar', length: 32 },
    citizenId: { type: 'integer', name: 'citizen_id' },
    conversationId: { type: 'integer', name: 'conversation_id' },
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
    contactDueAt: optionalTime('contact_due_at'),
    dispatchedAt: optionalTime('dispatched_at'),
    acceptedAt: optionalTime('accepted_at'),
    contactedAt: optionalTime('contacted_at'),
    resolvedAt: optionalTime('resolved_at'),
    closedAt: optionalTime('closed_at'),
    contactOverdueAt: optionalTime('contact_overdue_at'),
    resolveOverdueAt: optionalTime('resolve_overdue_at'),
    excludedAt: optionalTime('excluded_at'),
    excludedReason: { type: 'text', name: 'excluded_reason', nullable: true },
    escalatedAt: optionalTime('escalated_at'),
    extensionDueAt: optionalTime('extension_due_at'),
    extensionReason: { type: 'text', name: 'extension_reason', nullable: true },
    lastUrgedAt: optionalTime('last_urged_at'),
  },
  uniques: [{ name: 'UQ_cases_ticket_no', columns: ['ticketNo'] }],
  indices: [
    { name: 'IDX_cases_citizen', columns: ['citizenId'] },
    { name: 'IDX_cases_unit_status', columns: ['unitCode', 'status'] },
  ],
});

export const CaseEventSchema = new EntitySchema<CaseEvent>({
  name: 'CaseEvent',
  tableName: 'case_events',
  columns: {
    id,
    caseId: { type: 'integer', name: 'case_id' },
    type: { type: 'varchar', length: 32 },
    actor: { type: 'varchar', length: 64 },
    note: { type: 'text', nullable: true },
    data: { type: 'simple-json', nullable: true },
    createdAt: timestamp('created_at'),
  },
  indices: [{ name: 'IDX_case_events_case', columns: ['caseId'] }],
});

export const TicketSequenceSchema = new EntitySchema<TicketSequence>({
  name: 'TicketSequence',
  tableName: 'ticket_sequences',
  columns: {
    day: { type: 'varchar', length: 8, primary: true },
    last: { type: 'integer' },
  },
});

export interface ConsultationRecord {
  id: number;
  conversationId: number;
  channel: string;
  question: string;
  answered: boolean;
  entryId: string | null;
  confidencePct: number | null;
  helped: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ConsultationSchema = new EntitySchema<ConsultationRecord>({
  name: 'Consultation',
  tableName: 'consultations',
  columns: {
    id,
    conversationId: { type: 'integer', name: 'conversation_id' },
    channel: { type: 'varchar', length: 32 },
    question: { type: 'text' },
    answered: { type: 'boolean' },
    entryId: { type: 'varchar', length: 64, name: 'entry_id', nullable: true },
    confidencePct: { type: 'integer', name: 'confidence_pct', nullable: true },
    helped: { type: 'boolean', nullable: true },
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  indices: [{ name: 'IDX_consultations_conversation', columns: ['conversationId', 'id'] }],
});

export const ENTITIES = [
  ...LIFECYCLE_ENTITIES,
  ConsultationSchema, CitizenSchema, ConversationSchema, MessageSchema, CaseSchema, CaseEventSchema, TicketSequenceSchema];
