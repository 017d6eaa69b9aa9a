import type { ReplyOption } from '../reply.ts';
import { normaliseForMatching as foldForMatching } from '../understand/fold.ts';
import { categoryLabel, categoryTree, isGeneric, MAX_OPTIONS, type CategoryNode, type CategoryTree } from './category-tree.ts';

/**
 * Finer categories from the citizen's words: keyword evidence on the tree's nodes, summed up the
 * tree, then a walk from the top that goes one level down only while one branch clearly outweighs
 * its siblings. Where two branches compete the walk stops and their best nodes become the options
 * to ask about, so a vague text never gets a confident guess.
 *
 * Pure and fast: the keywords are compiled once per tree into a first-character index, and a text
 * is scanned once (well under a millisecond for a long message).
 */

export interface Refinement {
  /** Root first: the deepest category the evidence clearly supports (may be empty). */
  path: CategoryNode[];
  /** 0–1: how sure the deepest node of `path` is right; at or above CONFIDENT the flow need not ask. */
  confidence: number;
  /** At most five options, best first; when confident the first one is the path's last node. */
  candidates: CategoryNode[];
}

export const CONFIDENT = 0.7;

/** A branch must carry this many times the evidence of the runner-up to be followed. */
const DOMINANCE = 2;
/** Evidence inside the classifier's first level counts this much more. */
const HINT_BOOST = 1.5;
/** Confidence is cut by this when the walk stopped between competing branches. */
const AMBIGUITY_PENALTY = 0.6;
const SATURATION = 0.4;

interface SimpleTerm {
  text: string;
  nodes: string[];
  weight: number;
}

interface ConjunctionTerm {
  parts: string[];
  node: string;
  weight: number;
}

interface Compiled {
  byFirstChar: Map<string, SimpleTerm[]>;
  conjunctions: ConjunctionTerm[];
}

/** Traditional to simplified, full-width to half-width, lower case, no spaces: what both keywords and texts are compared as. */
export function normaliseForMatching(text: string): string {
  return foldForMatching(text).normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Longer phrases are more specific: 1 char 0.5, 2 chars 1, then +0.5 a char up to 2.6. */
function lengthWeight(text: string): number {
  const n = [...text].length;
  if (n <= 1) return 0.5;
  return Math.min(2.6, 1 + (n - 2) * 0.5);
}

const compiled = new WeakMap<CategoryTree, Compiled>();

function compile(tree: CategoryTree): Compiled {
  const cached = compiled.get(tree);
  if (cached) return cached;
  const simple = new Map<string, Set<string>>();
  const conj = new Map<string, { parts: string[]; nodes: Set<string> }>();
  for (const node of tree.nodes) {
    const terms = new Set(node.keywords.map(normaliseForMatching));
    if (!isGeneric(node) && [...node.name].length >= 2) terms.add(normaliseForMatching(node.name));
    for (const term of terms) {
      if (term.includes('+')) {
        const parts = term.split('+');
        const entry = conj.get(term) ?? { parts, nodes: new Set<string>() };
        entry.nodes.add(node.id);
        conj.set(term, entry);
      } else {
        const nodes = simple.get(term) ?? new Set<string>();
        nodes.add(node.id);
        simple.set(term, nodes);
      }
    }
  }
  // A phrase several unrelated nodes share is weaker evidence for each of them.
  const shared = (nodes: Set<string>) => Math.sqrt(nodes.size);
  const byFirstChar = new Map<string, SimpleTerm[]>();
  for (const [text, nodes] of simple) {
    const first = text[0] ?? '';
    const list = byFirstChar.get(first) ?? [];
    list.push({ text, nodes: [...nodes], weight: lengthWeight(text) / shared(nodes) });
    byFirstChar.set(first, list);
  }
  const conjunctions: ConjunctionTerm[] = [];
  for (const { parts, nodes } of conj.values()) {
    const weight = Math.min(2.6, 0.8 * parts.reduce((sum, p) => sum + lengthWeight(p), 0)) / shared(nodes);
    for (const node of nodes) conjunctions.push({ parts, node, weight });
  }
  const result = { byFirstChar, conjunctions };
  compiled.set(tree, result);
  return result;
}

interface Occurrence {
  start: number;
  end: number;
  term: SimpleTerm;
}

/** Every keyword occurrence in the text. */
function scan(text: string, index: Compiled): Occurrence[] {
  const found: Occurrence[] = [];
  for (let i = 0; i < text.length; i++) {
    const terms = index.byFirstChar.get(text[i] ?? '');
    if (!terms) continue;
    for (const term of terms) if (text.startsWith(term.text, i)) found.push({ start: i, end: i + term.text.length, term });
  }
  return found;
}

/** True when a longer keyword occurrence covers [start, end) ("物业费" covers "物业"). */
function covered(start: number, end: number, all: Occurrence[]): boolean {
  return all.some((o) => o.start <= start && o.end >= end && o.end - o.start > end - start);
}

/**
 * A one-character part of an `A+B` keyword counts only where it is not inside a longer keyword ("电"
 * in "电梯"); longer parts are words in their own right ("物业" in "物业费" still says 物业).
 */
function partPresent(text: string, part: string, all: Occurrence[]): boolean {
  if ([...part].length > 1) return text.includes(part);
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
    const end = at + part.length;
    if (!covered(at, end, all)) return true;
  }
  return false;
}

/** Direct evidence per node: the strongest cue in full, each further cue at half weight. */
function directEvidence(text: string, index: Compiled): Map<string, number> {
  const all = scan(text, index);
  const kept = all.filter((o) => !covered(o.start, o.end, all));
  const weights = new Map<string, number[]>();
  const add = (node: string, weight: number) => {
    const list = weights.get(node) ?? [];
    list.push(weight);
    weights.set(node, list);
  };
  const seen = new Set<SimpleTerm>();
  for (const o of kept) {
    if (seen.has(o.term)) continue;
    seen.add(o.term);
    for (const node of o.term.nodes) add(node, o.term.weight);
  }
  for (const c of index.conjunctions) {
    // The plain substring test first: it rules out almost every conjunction at native speed.
    if (c.parts.every((part) => text.includes(part)) && c.parts.every((part) => partPresent(text, part, all))) add(c.node, c.weight);
  }
  const evidence = new Map<string, number>();
  for (const [node, list] of weights) {
    const strongest = Math.max(...list);
    const sum = list.reduce((a, b) => a + b, 0);
    evidence.set(node, strongest + (sum - strongest) / 2);
  }
  return evidence;
}

/**
 * Refine a category from free text. `level1` is the first-level classifier's label (城乡建设…) or a
 * level-1 id; evidence inside it weighs more, evidence elsewhere can still win (the classifier knows
 * seven labels, the tree fifteen first levels).
 */
export function refineCategory(text: string, level1?: string, tree: CategoryTree = categoryTree()): Refinement {
  const hint = level1 ? tree.level1(level1) : undefined;
  const direct = directEvidence(normaliseForMatching(text), compile(tree));

  const total = new Map<string, number>();
  for (const [id, value] of direct) {
    const weighted = hint && tree.within(id, hint.id) ? value * HINT_BOOST : value;
    for (const node of tree.path(id)) total.set(node.id, (total.get(node.id) ?? 0) + weighted);
  }
  const score = (node: CategoryNode) => total.get(node.id) ?? 0;
  const ranked = (parent: string | null) =>
    tree
      .children(parent)
      .filter((n) => score(n) > 0)
      .sort((a, b) => score(b) - score(a));

  /** Follow dominant branches down from `start`; returns the nodes taken and where it stopped. */
  const walk = (start: string | null) => {
    const taken: CategoryNode[] = [];
    let minRatio = Infinity;
    let competing: CategoryNode[] = [];
    for (let at = start; ; ) {
      const kids = ranked(at);
      const [top, second] = kids;
      if (!top) break;
      const ratio = second ? score(top) / score(second) : Infinity;
      if (ratio < DOMINANCE) {
        competing = kids.filter((k) => score(k) * DOMINANCE >= score(top));
        break;
      }
      taken.push(top);
      minRatio = Math.min(minRatio, ratio);
      at = top.id;
    }
    return { taken, minRatio, competing };
  };

  const { taken, minRatio, competing } = walk(null);
  let path = taken;
  if (path.length === 0 && hint && competing.length === 0) path = [hint];
  const leaf = path.at(-1);

  // Options: the best node of each competing branch, or what to offer below where the evidence ended.
  const deepest = (node: CategoryNode) => walk(node.id).taken.at(-1) ?? node;
  let candidates: CategoryNode[];
  if (competing.length > 0) candidates = competing.map(deepest);
  else if (!leaf) candidates = tree.prompts();
  else {
    const below = tree.prompts(leaf.id);
    const offered = below.length > 0 ? below : tree.children(leaf.id).filter((n) => !isGeneric(n));
    const alternatives = [...total.keys()]
      .map((id) => tree.get(id))
      .filter((n): n is CategoryNode => n !== undefined && !path.includes(n) && !tree.within(leaf.id, n.id) && !tree.within(n.id, leaf.id))
      .filter((n) => tree.children(n.id).every((c) => score(c) === 0))
      .sort((a, b) => score(b) - score(a));
    candidates = [leaf, ...alternatives, ...offered];
  }

  let confidence = 0;
  if (leaf && score(leaf) > 0) {
    const evidence = score(leaf);
    const saturation = evidence / (evidence + SATURATION);
    const dominance = minRatio === Infinity ? 1 : 1 - 0.3 / minRatio;
    const depth = leaf.level >= 3 ? 1 : leaf.level === 2 ? 0.8 : 0.5;
    confidence = saturation * dominance * depth * (competing.length > 0 ? AMBIGUITY_PENALTY : 1);
  }
  const confident = confidence >= CONFIDENT;
  if (!confident && leaf && competing.length === 0) candidates = candidates.filter((c) => c !== leaf);

  return {
    path,
    confidence: Math.round(confidence * 100) / 100,
    candidates: [...new Set(candidates)].slice(0, MAX_OPTIONS),
  };
}

/**
 * Options for the citizen to pick from: short labels, made unique by the parent's label where two
 * options would read the same. The value is the category id.
 */
export function categoryOptions(candidates: readonly CategoryNode[], tree: CategoryTree = categoryTree()): ReplyOption[] {
  const labels = candidates.map(categoryLabel);
  return candidates.map((node, i) => {
    const label = labels[i] ?? node.name;
    const clash = labels.filter((l) => l === label).length > 1;
    const parent = node.parentId ? tree.get(node.parentId) : undefined;
    return { label: clash && parent ? `${categoryLabel(parent)}·${label}` : label, value: node.id };
  });
}
