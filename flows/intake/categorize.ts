import type { ReplyOption } from '../domain/reply.ts';
import { categoryTree } from '../domain/categories/category-tree.ts';
import { categoryOptions, CONFIDENT, refineCategory } from '../domain/categories/refine.ts';
import { OTHER_CATEGORY } from './intake.copy.ts';
import { CATEGORY_CONFIDENCE_THRESHOLD, classifyCategory } from '../domain/classify/classify-category.ts';

export interface Categorisation {
  /** Set when the evidence is clear enough not to ask. */
  categoryId?: string;
  /** The best guess even when unsure: what "none of these" falls back to. */
  fallbackId?: string;
  /** What to offer when asking: the candidates, then "none of these". */
  options: ReplyOption[];
}

/**
 * The work order's category from the citizen's account: the trained classifier gives the first
 * level when it is sure, the tree's keyword rules find the finer levels inside (or outside) it.
 */
export function categorise(description: string, level1 = firstLevelOf(description)): Categorisation {
  const refined = refineCategory(description, level1);
  const best = refined.path.at(-1);
  // No evidence at all: rather than the tree's general prompts (物业, 供暖, 噪音…), offer what is common under
  // the two first levels the classifier leans to, even unsure (小卖部卖假烟 → market regulation's).
  const candidates = refined.path.length === 0 && !level1 ? leaningPrompts(description) : refined.candidates;
  return {
    categoryId: refined.confidence >= CONFIDENT && best ? best.id : undefined,
    fallbackId: best?.id ?? (level1 ? categoryTree().level1(level1)?.id : undefined),
    options: [...categoryOptions(candidates.length > 0 ? candidates : refined.candidates), OTHER_CATEGORY],
  };
}

const LEANING_OPTIONS = 4;

/** The prompts of the two first levels the classifier ranks highest, alternating, best first. */
function leaningPrompts(description: string) {
  const tree = categoryTree();
  const [first, second] = classifyCategory(description).ranked.map((r) => tree.level1(r.label)).filter((n) => n !== undefined);
  const lists = [first, second].map((node) => (node ? tree.prompts(node.id) : []));
  const merged = [];
  for (let i = 0; merged.length < LEANING_OPTIONS && i < Math.max(...lists.map((l) => l.length)); i++) {
    for (const list of lists) if (list[i] && merged.length < LEANING_OPTIONS) merged.push(list[i]!);
  }
  return merged;
}

/** A picked option (a category id) or a category named in words; undefined when it is neither. */
export function categoryFromAnswer(answer: string): string | undefined {
  const tree = categoryTree();
  if (tree.get(answer)) return answer;
  // A category said by its name (养老服务) or its short label, when only one node has it.
  const named = tree.nodes.filter((n) => n.name === answer || n.short === answer);
  if (named.length === 1) return named[0]!.id;
  const refined = refineCategory(answer);
  const best = refined.path.at(-1);
  if (refined.confidence >= CONFIDENT && best) return best.id;
  // 类别改成教育 / 是学校的事 应该找教委: a first level said in words.
  const level = FIRST_LEVEL_WORDS.find(([words]) => words.test(answer))?.[1];
  return level ? tree.level1(level)?.id : undefined;
}

// Everyday words for the seven first levels the hotline's board uses.
const FIRST_LEVEL_WORDS: Array<[RegExp, string]> = [
  [/教育|学校|教委|老师|幼儿园|招生/u, '教育文体'],
  [/社保|工资|劳动|人社|就业|养老金/u, '劳动和社会保障'],
  [/医院|医疗|卫生|卫健|看病/u, '卫生计生'],
  [/交通|公交|地铁|出租|道路运输/u, '交通运输'],
  [/环保|污染|生态环境/u, '环境保护'],
  [/市场监管|消费|商家|商场|旅游/u, '商贸旅游'],
  [/城管|物业|住建|房管|市政/u, '城乡建设'],
];

function firstLevelOf(text: string): string | undefined {
  const prediction = classifyCategory(text);
  return prediction.confidence >= CATEGORY_CONFIDENCE_THRESHOLD ? prediction.label : undefined;
}
