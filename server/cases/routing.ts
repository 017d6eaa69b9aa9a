import type { CaseDraft } from '../../flows/domain/case-draft.ts';
import { categoryTree, formatCategoryPath, type CategoryNode } from '../../flows/domain/categories/category-tree.ts';
import { loadRouting, type RoutingDecision } from '../../flows/domain/routing/route-case.ts';

export type { RoutingDecision } from '../../flows/domain/routing/route-case.ts';
export type { ReceivingUnit } from '../../flows/domain/routing/units.ts';

/** What filing stores about routing: the flows' decision plus the category as text and the due time. */
export interface RoutedCase extends RoutingDecision {
  categoryId: string | null;
  categoryPath: string | null;
  /** Leaf name, for the free-text `category` column when the draft has none. */
  categoryName: string | null;
  dueAt: Date;
}

/**
 * The draft's category: `categoryId` when the tree knows it, else `category` read as a node id or a
 * first-level label (the classifier's 城乡建设…), so a draft with only a label still reaches its line.
 * An id the tree no longer knows (an old snapshot) routes as uncategorised rather than failing.
 */
function categoryOf(draft: CaseDraft): CategoryNode[] {
  const tree = categoryTree();
  for (const candidate of [draft.categoryId, draft.category]) {
    if (!candidate) continue;
    const path = tree.path(candidate);
    if (path.length > 0) return path;
    const level1 = tree.level1(candidate);
    if (level1) return [level1];
  }
  return [];
}

/** Routes a confirmed draft (flows/domain/routing) and derives what the case row stores. */
export function routeDraft(draft: CaseDraft, filedAt: Date): RoutedCase {
  const path = categoryOf(draft);
  const leaf = path.at(-1);
  const decision = loadRouting().route({
    categoryId: leaf?.id,
    districtCode: draft.districtCode,
    streetCode: draft.streetCode,
    requestType: draft.type,
  });
  return {
    ...decision,
    categoryId: leaf?.id ?? null,
    categoryPath: path.length > 0 ? formatCategoryPath(path) : null,
    categoryName: leaf?.name ?? null,
    dueAt: new Date(filedAt.getTime() + decision.dueHours * 3_600_000),
  };
}
