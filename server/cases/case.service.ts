import type { CaseDraft } from '../../flows/domain/case-draft.ts';
import type { FiledCase } from '../../flows/router/router.machine.ts';
import { AppError } from '../errors.ts';
import type { CaseRepository } from '../db/repositories/case.repository.ts';
import type { SqlSession } from '../db/sql.ts';
import { loadRouting } from '../../flows/domain/routing/route-case.ts';
import { routeDraft } from './routing.ts';
import { emptyProgress, type CaseWorkflow } from './case-workflow.ts';

export interface CaseOrigin {
  channel: string;
  citizenId: number;
  conversationId: number;
}

export class IncompleteDraftError extends AppError {
  constructor(missing: string[]) {
    super('incomplete_draft', `Case draft is missing: ${missing.join(', ')}`, 422, true);
  }
}

/**
 * Filing: the case row, its `received` event and, when routing found a unit, the dispatch to it
 * (首派负责), all in the turn's transaction.
 */
export function createCaseService(cases: CaseRepository, workflow?: CaseWorkflow) {
  // Validate the category tree, units, routing table and response levels at start-up, not at the first case.
  loadRouting();
  return {
    /** File a confirmed draft inside the caller's transaction, so the case commits with the turn. */
    async file(sql: SqlSession, draft: CaseDraft, origin: CaseOrigin, at: Date): Promise<FiledCase> {
      const missing = (['type', 'description', 'phone'] as const).filter((k) => !draft[k]);
      if (missing.length > 0 || !draft.type || !draft.description || !draft.phone) throw new IncompleteDraftError(missing);
      const routing = routeDraft(draft, at);
      const ticketNo = await cases.nextTicketNo(sql, at);
      // Dispatched at once to the routed unit (首派负责): written as part of the new row, not an update.
      const dispatch = workflow && routing.unit ? workflow.clocksFrom(routing.responseLevel, at) : undefined;
      const record = {
        ticketNo,
        type: draft.type,
        category: draft.category ?? routing.categoryName,
        districtCode: draft.districtCode ?? null,
        district: draft.district ?? null,
        streetCode: draft.streetCode ?? null,
        street: draft.street ?? null,
        address: draft.address ?? null,
        description: draft.description,
        phone: draft.phone,
        name: draft.name ?? null,
        confidential: draft.confidential ?? false,
        status: dispatch ? 'dispatched' : 'received',
        unitCode: routing.unit?.code ?? null,
        unitName: routing.unit?.name ?? null,
        unitKind: routing.unit?.kind ?? null,
        categoryId: routing.categoryId,
        categoryPath: routing.categoryPath,
        routingRule: routing.rule,
        responseLevel: routing.responseLevel,
        dueAt: dispatch?.dueAt ?? routing.dueAt,
        channel: origin.channel,
        citizenId: origin.citizenId,
        conversationId: origin.conversationId,
        createdAt: at,
        updatedAt: at,
        dispatchedAt: dispatch ? at : null,
        contactDueAt: dispatch?.contactDueAt ?? null,
      };
      const caseId = await cases.insert(sql, record);
      const received = {
        caseId,
        type: 'received',
        actor: `citizen:${origin.channel}`,
        note: null,
        data: {
          rule: routing.rule,
          unitCode: routing.unit?.code ?? null,
          categoryId: routing.categoryId,
          responseLevel: routing.responseLevel,
          dueAt: routing.dueAt.toISOString(),
        },
        createdAt: at,
      };
      const filed = { ...emptyProgress(), ...record, id: caseId };
      await cases.insertEvents(sql, workflow && dispatch ? [received, workflow.firstDispatchEvent(filed, at)] : [received]);
      if (workflow && dispatch) await workflow.startFirstDispatch(sql, filed, at);
      return { ticketNo, unit: routing.unit };
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
