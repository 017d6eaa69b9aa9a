import shippedData from './categories.json' with { type: 'json' };

/**
 * The work-order category tree (工单分类): the 3-level government tree of the shared taxonomy plus
 * what a Beijing 12345 needs (heating, property management, garbage sorting, prepaid cards, noise…),
 * with a fourth level where citizens' problems split further.
 *
 * The data lives in categories.json so that a city can edit it; this module validates it (every problem
 * at once) the first time it is used, never at import.
 *
 * Ids are stable and hierarchical: `C01` (level 1) › `C01.02` › `C01.02.008` › `C01.02.008.01`. The
 * parent of a node is its id without the last segment. A node is never renumbered or moved: retire it
 * by removing its keywords and add a new one, because stored cases and routing rules point at ids.
 */

export type CategoryLevel = 1 | 2 | 3 | 4;

export interface CategoryNode {
  id: string;
  name: string;
  level: CategoryLevel;
  parentId: string | null;
  /** Words and colloquial phrases that point at this node; `A+B` needs both parts somewhere in the text. */
  keywords: readonly string[];
  /** Short label for an option button; the name when absent. */
  short?: string;
}

/** The JSON file's shape, as a city edits it. */
export interface CategoryData {
  about?: string;
  /** The first-level classifier's labels → level-1 node ids. */
  classifierLabels: Record<string, string>;
  /**
   * Options to offer when the text gives no clue below a node: key `*` for "nothing known", otherwise
   * a node id whose descendants are listed (at most five).
   */
  prompts: Record<string, string[]>;
  nodes: Array<{ id: string; name: string; short?: string; keywords?: string[] }>;
}

export class CategoryDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`category data has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'CategoryDataError';
  }
}

export interface CategoryTree {
  readonly nodes: readonly CategoryNode[];
  get(id: string): CategoryNode | undefined;
  /** Children in file order; `null` for the level-1 nodes. */
  children(id: string | null): readonly CategoryNode[];
  /** Root first, ending with the node itself; empty for an unknown id. */
  path(id: string): CategoryNode[];
  /** True when `id` is `ancestorId` or lies below it. */
  within(id: string, ancestorId: string): boolean;
  /** A level-1 node from a classifier label (城乡建设), a level-1 name or id. */
  level1(labelOrId: string): CategoryNode | undefined;
  /** The options to offer below `id` (or with nothing known, `*`). */
  prompts(id?: string): CategoryNode[];
  readonly classifierLabels: Readonly<Record<string, string>>;
}

export const MAX_OPTIONS = 5;
export const MAX_SHORT_LABEL = 8;
export const PATH_SEPARATOR = ' > ';

const ID = /^C\d{2}(\.\d{2}(\.\d{3}(\.\d{2})?)?)?$/;
const GENERIC_NAMES = new Set(['其他']);

export function parentIdOf(id: string): string | null {
  const cut = id.lastIndexOf('.');
  return cut < 0 ? null : id.slice(0, cut);
}

/** The names joined by ' > ', as stored on a case. */
export function formatCategoryPath(path: readonly CategoryNode[]): string {
  return path.map((n) => n.name).join(PATH_SEPARATOR);
}

/** What an option button shows. */
export function categoryLabel(node: CategoryNode): string {
  return node.short ?? node.name;
}

export function isGeneric(node: CategoryNode): boolean {
  return GENERIC_NAMES.has(node.name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validate the data (listing every problem at once) and index it. */
export function buildCategoryTree(data: unknown): CategoryTree {
  const problems: string[] = [];
  if (!isRecord(data)) throw new CategoryDataError(['the file must hold one JSON object']);
  const rawNodes = Array.isArray(data.nodes) ? data.nodes : (problems.push('"nodes" must be a list'), []);

  const nodes: CategoryNode[] = [];
  const byId = new Map<string, CategoryNode>();
  for (const [index, raw] of rawNodes.entries()) {
    const where = `node #${index + 1}`;
    if (!isRecord(raw)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    const { id, name, short, keywords } = raw;
    if (typeof id !== 'string' || !ID.test(id)) {
      problems.push(`${where}: id ${JSON.stringify(id)} must look like C01, C01.02, C01.02.003 or C01.02.003.04`);
      continue;
    }
    if (byId.has(id)) problems.push(`${id}: id used twice`);
    if (typeof name !== 'string' || name.trim() === '' || name !== name.trim()) problems.push(`${id}: name must be non-empty text without outer spaces`);
    else if (name.includes('>')) problems.push(`${id}: name must not contain ">" (it separates path names)`);
    if (short !== undefined && (typeof short !== 'string' || short.trim() === '' || [...short].length > MAX_SHORT_LABEL)) {
      problems.push(`${id}: short label must be 1–${MAX_SHORT_LABEL} characters`);
    }
    const words: string[] = [];
    if (keywords !== undefined) {
      if (!Array.isArray(keywords)) problems.push(`${id}: keywords must be a list`);
      else {
        for (const k of keywords) {
          if (typeof k !== 'string' || k.trim() === '' || k.split('+').some((part) => part.trim() === '')) {
            problems.push(`${id}: keyword ${JSON.stringify(k)} is empty or has an empty part around "+"`);
          } else if (words.includes(k)) problems.push(`${id}: keyword "${k}" listed twice`);
          else words.push(k);
        }
      }
    }
    const parentId = parentIdOf(id);
    const node: CategoryNode = {
      id,
      name: typeof name === 'string' ? name : '',
      level: (id.split('.').length as CategoryLevel),
      parentId,
      keywords: words,
      ...(typeof short === 'string' ? { short } : {}),
    };
    nodes.push(node);
    byId.set(id, node);
  }

  const children = new Map<string | null, CategoryNode[]>();
  for (const node of nodes) {
    if (node.parentId !== null && !byId.has(node.parentId)) problems.push(`${node.id}: parent ${node.parentId} does not exist`);
    const siblings = children.get(node.parentId) ?? [];
    if (siblings.some((s) => s.name === node.name)) problems.push(`${node.id}: a sibling already has the name "${node.name}"`);
    siblings.push(node);
    children.set(node.parentId, siblings);
  }

  const path = (id: string): CategoryNode[] => {
    const out: CategoryNode[] = [];
    for (let at: string | null = id; at !== null; at = parentIdOf(at)) {
      const node = byId.get(at);
      if (!node) return [];
      out.unshift(node);
    }
    return out;
  };
  const within = (id: string, ancestorId: string) => id === ancestorId || id.startsWith(`${ancestorId}.`);

  const classifierLabels: Record<string, string> = {};
  if (!isRecord(data.classifierLabels)) problems.push('"classifierLabels" must map each classifier label to a level-1 id');
  else {
    for (const [label, id] of Object.entries(data.classifierLabels)) {
      const node = typeof id === 'string' ? byId.get(id) : undefined;
      if (!node || node.level !== 1) problems.push(`classifierLabels.${label}: ${JSON.stringify(id)} is not a level-1 id`);
      else classifierLabels[label] = id as string;
    }
  }

  const prompts = new Map<string, CategoryNode[]>();
  if (!isRecord(data.prompts)) problems.push('"prompts" must map "*" or a node id to a list of node ids');
  else {
    for (const [key, list] of Object.entries(data.prompts)) {
      if (key !== '*' && !byId.has(key)) problems.push(`prompts.${key}: no such node`);
      if (!Array.isArray(list) || list.length === 0 || list.length > MAX_OPTIONS) {
        problems.push(`prompts.${key}: must list 1–${MAX_OPTIONS} node ids`);
        continue;
      }
      const resolved: CategoryNode[] = [];
      for (const id of list) {
        const node = typeof id === 'string' ? byId.get(id) : undefined;
        if (!node) problems.push(`prompts.${key}: ${JSON.stringify(id)} is not a node id`);
        else if (key !== '*' && (id === key || !within(id, key))) problems.push(`prompts.${key}: ${id} is not below ${key}`);
        else resolved.push(node);
      }
      prompts.set(key, resolved);
    }
  }

  if (problems.length > 0) throw new CategoryDataError(problems);

  const level1ByName = new Map(nodes.filter((n) => n.level === 1).map((n) => [n.name, n]));
  return {
    nodes,
    get: (id) => byId.get(id),
    children: (id) => children.get(id) ?? [],
    path,
    within,
    level1: (labelOrId) => {
      const mapped = classifierLabels[labelOrId];
      const node = byId.get(mapped ?? labelOrId) ?? level1ByName.get(labelOrId);
      return node?.level === 1 ? node : undefined;
    },
    prompts: (id) => prompts.get(id ?? '*') ?? [],
    classifierLabels,
  };
}

let shipped: CategoryTree | undefined;

/** The tree in categories.json, validated on first use. */
export function categoryTree(): CategoryTree {
  shipped ??= buildCategoryTree(shippedData);
  return shipped;
}

/**
 * A reference to a category in the other data files: `"C01.02.008"` or, more readably and checked,
 * `"C01.02.008 冬季采暖"` (the name must then match). Returns the node or a problem to report.
 */
export function resolveCategoryRef(tree: CategoryTree, ref: unknown): CategoryNode | string {
  if (typeof ref !== 'string') return `${JSON.stringify(ref)} is not a category reference`;
  const trimmed = ref.trim();
  const space = trimmed.indexOf(' ');
  const id = space < 0 ? trimmed : trimmed.slice(0, space);
  const name = space < 0 ? undefined : trimmed.slice(space + 1).trim();
  const node = tree.get(id);
  if (!node) return `category ${id} does not exist`;
  if (name !== undefined && name !== node.name) return `category ${id} is "${node.name}", not "${name}"`;
  return node;
}

/** One node per line: easy to read, to edit and to review in a diff. */
export function renderCategoryData(data: CategoryData): string {
  const inline = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
    if (isRecord(value)) {
      return `{ ${Object.entries(value)
        .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
        .join(', ')} }`;
    }
    return JSON.stringify(value);
  };
  const block = (record: Record<string, unknown>) =>
    Object.entries(record)
      .map(([k, v]) => `    ${JSON.stringify(k)}: ${inline(v)}`)
      .join(',\n');
  const nodes = [...data.nodes]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((n) => `    ${inline({ id: n.id, name: n.name, short: n.short, keywords: n.keywords })}`);
  return [
    '{',
    ...(data.about ? [`  "about": ${JSON.stringify(data.about)},`] : []),
    '  "classifierLabels": {',
    block(data.classifierLabels),
    '  },',
    '  "prompts": {',
    block(data.prompts),
    '  },',
    '  "nodes": [',
    nodes.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
