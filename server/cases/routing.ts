import type { CaseDraft } from '../../flows/domain/case-draft.ts';

export interface ReceivingUnit {
  code: string;
  name: string;
  kind: 'street' | 'department' | 'utility' | 'city';
}

export interface RoutingDecision {
  unit: ReceivingUnit | null;
  /** Which rule chose the unit, so anyone can check the decision. */
  rule: string;
}

/**
 * Territorial responsibility (属地): the street office or township where it happened. The unit
 * directory and the category-based routing table replace this seam in the routing work.
 */
export function routeCase(draft: CaseDraft): RoutingDecision {
  if (draft.streetCode && draft.street) {
    return { unit: { code: draft.streetCode, name: draft.street, kind: 'street' }, rule: 'territorial:street' };
  }
  return { unit: null, rule: 'unrouted:no_street' };
}
