#!/usr/bin/env node
// Second step of `npm run build`: copies the data files the compiled code reads at run time into dist/,
// next to the modules that read them. tsc emits only the JSON it imports (`with { type: 'json' }`);
// files read from disk through `new URL(…, import.meta.url)` (the category model, the bundled knowledge
// base) would otherwise be missing and the built service could not start. Node built-ins only.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
/** The folders tsconfig.build.json compiles: every JSON data file in them is copied. */
const SOURCES = ['bot', 'server', 'flows', 'knowledge'];
/** Whole folders read at run time. */
const TREES = ['knowledge/entries'];

function jsonFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return item.name === 'node_modules' ? [] : jsonFiles(path);
    return item.isFile() && item.name.endsWith('.json') ? [path] : [];
  });
}

if (!existsSync(dist)) {
  console.error('dist/ does not exist: run tsc -p tsconfig.build.json first');
  process.exit(1);
}
let copied = 0;
for (const file of SOURCES.flatMap((folder) => jsonFiles(join(root, folder)))) {
  const target = join(dist, relative(root, file));
  mkdirSync(dirname(target), { recursive: true });
  cpSync(file, target);
  copied++;
}
for (const tree of TREES) {
  cpSync(join(root, tree), join(dist, tree), { recursive: true });
  copied++;
}
console.log(`copied ${copied} data files and folders into dist/`);
