import type { CaseEvent, FullCase } from '../db/entities.ts';
import type { CallbackRecord } from '../db/lifecycle-entities.ts';
import { maskPhoneNumbers } from '../conversation/render-text.ts';

/** The public shape of a case (admin and work API, webhooks). Field names are a contract: add, never rename. */
export interface CaseView {
  ticketNo: string;
  type: string;
  category: string | null;
  district: string | null;
  districtCode: string | null;
  street: string | null;
  streetCode: string | null;
  address: string | null;
  description: string;
  phone: string;
  name: string | null;
  confidential: boolean;
  /** True when name and phone are masked (a confidential case seen by anyone but an administrator revealing it). */
  masked: boolean;
  status: string;
  unit: { code: string; name: string; kind: string } | null;
  /** The category tree's node id and its path ('城乡建设 > … > 暖气不热'); null for uncategorised cases. */
  categoryId: string | null;
  categoryPath: string | null;
  /** Why the unit was chosen and when it must answer (四级响应); `dueAt` is the resolution deadline. */
  routing: { rule: string | null; responseLevel: string | null; dueAt: string | null };
  deadlines: { contactDueAt: string | null; dueAt: string | null };
  steps: { dispatchedAt: string | null; acceptedAt: string | null; contactedAt: string | null; resolvedAt: string | null; closedAt: string | null };
  flags: {
    contactOverdueAt: string | null;
    resolveOverdueAt: string | null;
    escalatedAt: string | null;
    excluded: { at: string; reason: string | null } | null;
    extensionRequest: { dueAt: string; reason: string | null } | null;
  };
  /** The latest satisfaction callback (回访). */
  callback: {
    round: number;
    status: string;
    contacted: boolean | null;
    resolved: boolean | null;
    satisfaction: string | null;
    comment: string | null;
    answeredAt: string | null;
  } | null;
  channel: string;
  createdAt: string;
  updatedAt: string;
  events: Array<{ type: string; actor: string; note: string | null; data: Record<string, unknown> | null; at: string }>;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** 13811112222 → 138****2222; 010-68881234 → 010-****1234; anything else keeps its last four characters. */
export function maskPhone(phone: string): string {
  const masked = maskPhoneNumbers(phone);
  if (masked !== phone) return masked;
  return phone.length <= 4 ? '****' : `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
}

/** 王先生 → 王**: enough to address the citizen politely, not to identify them. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}

export function toCaseView(record: FullCase, events: CaseEvent[], callback: CallbackRecord | null = null): CaseView {
  return {
    ticketNo: record.ticketNo,
    type: record.type,
    category: record.category,
    district: record.district,
    districtCode: record.districtCode,
    street: record.street,
    streetCode: record.streetCode,
    address: record.address,
    description: record.description,
    phone: record.phone,
    name: record.name,
    confidential: Boolean(record.confidential),
    masked: false,
    status: record.status,
    unit: record.unitCode ? { code: record.unitCode, name: record.unitName ?? '', kind: record.unitKind ?? '' } : null,
    categoryId: record.categoryId,
    categoryPath: record.categoryPath,
    routing: { rule: record.routingRule, responseLevel: record.responseLevel, dueAt: iso(record.dueAt) },
    deadlines: { contactDueAt: iso(record.contactDueAt), dueAt: iso(record.dueAt) },
    steps: {
      dispatchedAt: iso(record.dispatchedAt),
      acceptedAt: iso(record.acceptedAt),
      contactedAt: iso(record.contactedAt),
      resolvedAt: iso(record.resolvedAt),
      closedAt: iso(record.closedAt),
    },
    flags: {
      contactOverdueAt: iso(record.contactOverdueAt),
      resolveOverdueAt: iso(record.resolveOverdueAt),
      escalatedAt: iso(record.escalatedAt),
      excluded: record.excludedAt ? { at: record.excludedAt.toISOString(), reason: record.excludedReason } : null,
      extensionRequest: record.extensionDueAt ? { dueAt: record.extensionDueAt.toISOString(), reason: record.extensionReason } : null,
    },
    callback: callback
      ? {
          round: callback.round,
          status: callback.status,
          contacted: callback.contacted,
          resolved: callback.resolved,
          satisfaction: callback.satisfaction,
          comment: callback.comment,
          answeredAt: iso(callback.answeredAt),
        }
      : null,
    channel: record.channel,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    events: events.map((e) => ({ type: e.type, actor: e.actor, note: e.note, data: e.data, at: e.createdAt.toISOString() })),
  };
}

/** A confidential case as anyone sees it who has no need for the citizen's identity. */
export function maskConfidential(view: CaseView): CaseView {
  if (!view.confidential) return view;
  return { ...view, masked: true, phone: maskPhone(view.phone), name: maskName(view.name), description: maskPhoneNumbers(view.description) };
}

/** What a unit (its API or webhook) sees: everything it needs to work the case, identity masked when confidential. */
export function toUnitCaseView(record: FullCase, events: CaseEvent[] = [], callback: CallbackRecord | null = null): CaseView {
  return maskConfidential(toCaseView(record, events, callback));
}
