/**
 * Maintains categories.json, the category tree a city edits:
 *
 *   npx tsx flows/domain/categories/generate-categories.ts --check
 *       validate the file and check it is in canonical form (one node per line, sorted by id);
 *   npx tsx flows/domain/categories/generate-categories.ts --write
 *       validate and rewrite it in canonical form;
 *   npx tsx flows/domain/categories/generate-categories.ts --write --taxonomy <taxonomy.csv>
 *       also add any level1,level2,level3 path of a taxonomy CSV that the tree lacks, with new ids.
 *
 * The tree was first made this way from the shared government taxonomy (15 level-1, 517 level-3), then
 * the Beijing additions and keywords were written into the JSON. Existing ids are never changed: stored
 * cases and the routing data point at them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCategoryTree, parentIdOf, renderCategoryData, type CategoryData } from './category-tree.ts';

const SEGMENT_WIDTH = [2, 2, 3, 2];

/** Pure: adds the taxonomy's missing paths to the data, numbering new nodes after their siblings. */
export function mergeTaxonomy(data: CategoryData, taxonomyCsv: string): { data: CategoryData; added: string[] } {
  const nodes = data.nodes.map((n) => ({ ...n }));
  const idOfPath = new Map<string, string>();
  const pathOfId = new Map<string, string>();
  for (const node of [...nodes].sort((a, b) => a.id.split('.').length - b.id.split('.').length)) {
    const parent = parentIdOf(node.id);
    const path = parent === null ? node.name : `${pathOfId.get(parent) ?? '?'}/${node.name}`;
    pathOfId.set(node.id, path);
    idOfPath.set(path, node.id);
  }
  const added: string[] = [];
  const ensure = (parentId: string | null, parentPath: string | null, name: string): string => {
    const path = parentPath === null ? name : `${parentPath}/${name}`;
    const existing = idOfPath.get(path);
    if (existing) return existing;
    const depth = parentId === null ? 0 : parentId.split('.').length;
    const siblings = nodes.filter((n) => parentIdOf(n.id) === parentId).map((n) => Number(n.id.split('.').at(-1)?.replace(/^C/, '')));
    const next = String(Math.max(0, ...siblings) + 1).padStart(SEGMENT_WIDTH[depth] ?? 2, '0');
    const id = parentId === null ? `C${next}` : `${parentId}.${next}`;
    nodes.push({ id, name });
    idOfPath.set(path, id);
    added.push(`${id} ${path}`);
    return id;
  };
  const lines = taxonomyCsv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.shift()?.trim() !== 'level1,level2,level3') throw new Error('taxonomy CSV must start with the header level1,level2,level3');
  for (const [i, line] of lines.entries()) {
    const cells = line.split(',').map((c) => c.trim());
    const [a, b, c] = cells;
    if (cells.length !== 3 || !a || !b || !c) throw new Error(`taxonomy line ${i + 2}: expected three names`);
    const l1 = ensure(null, null, a);
    const l2 = ensure(l1, a, b);
    ensure(l2, `${a}/${b}`, c);
  }
  return { data: { ...data, nodes }, added };
}

function main(argv: string[]): void {
  const args = argv.slice(2);
  const write = args.includes('--write');
  const check = args.includes('--check');
  const taxonomyAt = args.indexOf('--taxonomy');
  const taxonomy = taxonomyAt >= 0 ? args[taxonomyAt + 1] : undefined;
  if (write === check || (taxonomyAt >= 0 && (!taxonomy || !write))) {
    console.error('usage: generate-categories.ts --check | --write [--taxonomy <taxonomy.csv>]');
    process.exitCode = 2;
    return;
  }
  const target = fileURLToPath(new URL('./categories.json', import.meta.url));
  const current = readFileSync(target, 'utf8');
  let data = JSON.parse(current) as CategoryData;
  if (taxonomy) {
    const merged = mergeTaxonomy(data, readFileSync(taxonomy, 'utf8'));
    data = merged.data;
    for (const line of merged.added) console.log(`added ${line}`);
  }
  const tree = buildCategoryTree(data);
  const text = renderCategoryData(data);
  if (check) {
    if (text !== current) {
      console.error('categories.json is valid but not in canonical form: run with --write');
      process.exitCode = 1;
      return;
    }
    console.log(`categories.json is valid: ${tree.nodes.length} nodes`);
    return;
  }
  writeFileSync(target, text, 'utf8');
  console.log(`wrote ${target}: ${tree.nodes.length} nodes`);
}

// Run only as a script, so that a test can import mergeTaxonomy without touching files.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
