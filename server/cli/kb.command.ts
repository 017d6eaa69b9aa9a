import { KbDirectoryError, loadKnowledgeBase, summarise } from '../../knowledge/ingest/check-entries.ts';
import { KB_CATEGORIES, MAX_ANSWER_CHARS } from '../../knowledge/ingest/entry.ts';
import { ImportInputError, importRows, readImportFile, type ImportReport } from '../../knowledge/ingest/import-faq.ts';
import type { ParsedArgs } from './args.ts';

export const KB_USAGE = [
  'jiesu kb check [dir]  (default knowledge/entries)',
  '       jiesu kb import <file.jsonl|file.csv> [--into <dir>] [--base <dir>] [--source <name>] [--owner <unit>] [--category <label>] [--regions <a|b>] [--dry-run]',
  '       jiesu kb gaps [--limit 20]  (unanswered questions and first-contact resolution, from DATABASE_URL)',
].join('\n');

const SUBCOMMANDS: Record<string, (args: ParsedArgs) => number | Promise<number>> = {
  check: kbCheck,
  import: kbImport,
  gaps: kbGapsCommand,
};

async function kbGapsCommand(args: ParsedArgs): Promise<number> {
  const raw = args.flags.limit;
  const limit = raw === undefined ? 20 : typeof raw === 'string' && /^\d{1,4}$/.test(raw) && Number(raw) > 0 ? Number(raw) : Number.NaN;
  if (Number.isNaN(limit)) {
    process.stderr.write(`kb gaps: --limit must be a whole number from 1 to 9999\nusage: ${KB_USAGE}\n`);
    return 2;
  }
  const { loadConfig, ConfigError } = await import('../config.ts');
  try {
    const config = loadConfig(process.env);
    return await (await import('./kb-gaps.ts')).kbGaps(config, limit);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** `jiesu kb <subcommand>`: operations on the knowledge base. */
export async function kbCommand(args: ParsedArgs): Promise<number> {
  const [name] = args.positionals;
  const sub = name ? SUBCOMMANDS[name] : undefined;
  if (!sub) {
    process.stderr.write(`${name ? `unknown kb subcommand "${name}"` : 'kb needs a subcommand'}\nusage: ${KB_USAGE}\n`);
    return 2;
  }
  return sub({ ...args, positionals: args.positionals.slice(1) });
}

/**
 * Prints every problem as `file  field  message`, then a summary line. Exit 1 when any error stands;
 * warnings (expired, overdue for review) alone exit 0 so a deploy is not blocked by a due date.
 */
function kbCheck(args: ParsedArgs): number {
  const [dir = 'knowledge/entries', ...extra] = args.positionals;
  if (extra.length > 0) {
    process.stderr.write(`unexpected arguments: ${extra.join(' ')}\nusage: ${KB_USAGE}\n`);
    return 2;
  }
  let check;
  try {
    check = loadKnowledgeBase(dir, new Date());
  } catch (error) {
    if (error instanceof KbDirectoryError) {
      process.stderr.write(`kb check: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const lines = check.problems.map((p) => `${p.severity === 'error' ? 'error  ' : 'warning'}  ${p.file}  ${p.field}: ${p.message}`);
  const s = summarise(check);
  lines.push(`entries=${s.entries} ok=${s.ok} warnings=${s.warnings} errors=${s.errors}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return s.errors > 0 ? 1 : 0;
}

const DEFAULT_BASE = 'knowledge/entries';
const DEFAULT_INTO = 'knowledge/entries/imported';
const IMPORT_FLAGS = new Set(['into', 'base', 'source', 'owner', 'category', 'regions', 'dry-run']);
/** How many rejected rows are listed one by one. */
const LIST_LIMIT = 20;

function usageError(message: string): number {
  process.stderr.write(`kb import: ${message}\nusage: ${KB_USAGE}\n`);
  return 2;
}

/** A one-line bar redrawn in place; only for a terminal. */
function progressBar(stream: NodeJS.WriteStream): { update: (done: number, total: number) => void; end: () => void } {
  let last = -1;
  return {
    update(done, total) {
      const share = total === 0 ? 1 : done / total;
      const step = Math.floor(share * 100);
      if (step === last && done !== total) return;
      last = step;
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      if (last >= 0) stream.write('\r\x1b[2K');
    },
  };
}

/**
 * `jiesu kb import <file>`: load a city's FAQ into the base. Prints the split and rejected rows, then
 * `rows=… imported=… rejected=…`. Exit 0 when anything was imported or nothing was wrong, 1 when every
 * row was rejected, 2 for an unreadable file or bad flags.
 */
function kbImport(args: ParsedArgs): number {
  const positionals = [...args.positionals];
  const flags = { ...args.flags };
  // `--dry-run file.csv`: the argument parser takes the file for the switch's value.
  const dry = flags['dry-run'];
  if (typeof dry === 'string' && dry !== 'true' && dry !== 'false') {
    positionals.push(dry);
    flags['dry-run'] = true;
  }
  const unknown = Object.keys(flags).filter((name) => !IMPORT_FLAGS.has(name));
  if (unknown.length > 0) return usageError(`unknown flag${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `--${f}`).join(' ')}`);
  const [file, ...extra] = positionals;
  if (!file) return usageError('needs the file to import');
  if (extra.length > 0) return usageError(`unexpected arguments: ${extra.join(' ')}`);
  const value = (name: string): string | undefined | null => {
    const v = flags[name];
    if (v === undefined) return undefined;
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const named = ['into', 'base', 'source', 'owner', 'category', 'regions'] as const;
  const given: Partial<Record<(typeof named)[number], string>> = {};
  for (const name of named) {
    const v = value(name);
    if (v === null) return usageError(`--${name} needs a value`);
    if (v !== undefined) given[name] = v;
  }
  if (given.category !== undefined && !(KB_CATEGORIES as readonly string[]).includes(given.category)) {
    return usageError(`--category must be one of ${KB_CATEGORIES.join(', ')}`);
  }
  const dryRun = flags['dry-run'] === true || flags['dry-run'] === 'true';
  const regions = given.regions?.split('|').map((r) => r.trim()).filter(Boolean);

  let read;
  try {
    read = readImportFile(file);
  } catch (error) {
    if (error instanceof ImportInputError) {
      process.stderr.write(`kb import: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const bar = process.stderr.isTTY ? progressBar(process.stderr) : undefined;
  const report = importRows(read, {
    into: given.into ?? DEFAULT_INTO,
    base: given.base ?? DEFAULT_BASE,
    defaults: {
      ...(given.source ? { source: given.source } : {}),
      ...(given.owner ? { owner: given.owner } : {}),
      ...(given.category ? { category: given.category } : {}),
      ...(regions && regions.length > 0 ? { regions } : {}),
    },
    now: new Date(),
    dryRun,
    ...(bar ? { onProgress: bar.update } : {}),
  });
  bar?.end();
  process.stdout.write(`${importSummary(report, dryRun).join('\n')}\n`);
  if (report.imported.length > 0 || report.rejected.length === 0) return 0;
  return 1;
}

export function importSummary(report: ImportReport, dryRun: boolean): string[] {
  const lines: string[] = [];
  if (report.ignoredFields.length > 0) lines.push(`note: ignored fields ${report.ignoredFields.join(', ')} (not import fields)`);
  for (const s of report.split.slice(0, LIST_LIMIT)) {
    lines.push(`split     line ${s.line}  ${s.id}: answer over ${MAX_ANSWER_CHARS} characters; the first ${s.kept} (to a sentence end) are the short answer, the rest is under "## 详细说明"`);
  }
  if (report.split.length > LIST_LIMIT) lines.push(`split     … and ${report.split.length - LIST_LIMIT} more`);
  for (const w of report.warnings.slice(0, LIST_LIMIT)) lines.push(`warning   line ${w.line}  ${w.id}: ${w.message}`);
  const reasons = new Map<string, number[]>();
  for (const r of report.rejected) reasons.set(r.reason, [...(reasons.get(r.reason) ?? []), r.line]);
  for (const [reason, lineNumbers] of reasons) {
    const shown = lineNumbers.slice(0, LIST_LIMIT).join(', ');
    lines.push(`rejected  ${reason}: ${lineNumbers.length} (line${lineNumbers.length > 1 ? 's' : ''} ${shown}${lineNumbers.length > LIST_LIMIT ? ', …' : ''})`);
  }
  for (const r of report.rejected.slice(0, LIST_LIMIT)) lines.push(`  line ${r.line}  ${r.reason}: ${r.detail}`);
  if (report.rejected.length > LIST_LIMIT) lines.push(`  … and ${report.rejected.length - LIST_LIMIT} more rejected rows`);
  const counts = [...reasons].map(([reason, l]) => `${reason.replace(/\s+/g, '-')}=${l.length}`).join(' ');
  lines.push(`rows=${report.rows} ${dryRun ? 'would-import' : 'imported'}=${report.imported.length} rejected=${report.rejected.length} split=${report.split.length}${counts ? ` ${counts}` : ''}${dryRun ? ' (dry run: nothing written)' : ''}`);
  return lines;
}
