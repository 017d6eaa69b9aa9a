/**
 * Reads and checks a whole knowledge base: every file on its own (parse-entry.ts), then what only the
 * whole base shows: duplicate ids, the same question in two entries, and entries expired or overdue for
 * review at `now`. Expired and overdue entries are warnings: the base still loads, and search drops
 * the expired ones.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { foldToSimplified } from '../../flows/domain/understand/fold.ts';
import { isExpired, isOverdue, type KnowledgeEntry } from './entry.ts';
import { parseEntry, type KbProblem } from './parse-entry.ts';

export interface KbCheck {
  /** Entries that parsed and validated (including expired and overdue ones). */
  entries: KnowledgeEntry[];
  /** Files read. */
  files: number;
  problems: KbProblem[];
}

/** Thrown when the directory itself cannot be read; the message is safe to print. */
export class KbDirectoryError extends Error {
  readonly code = 'KB_DIRECTORY';
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const item of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, item.name);
      if (item.isDirectory()) walk(path);
      else if (item.isFile() && item.name.endsWith('.md') && item.name.toLowerCase() !== 'readme.md') out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** Questions compare after folding, without spaces or end punctuation: 「社保卡丢了怎么办？」 = 「社保卡丢了怎么办」. */
export function questionKey(question: string): string {
  return foldToSimplified(question).toLowerCase().replace(/[\s?？!！。.,，、~～]+/g, '');
}

export function checkEntries(parsed: ReadonlyArray<{ file: string; content: string }>, now: Date): KbCheck {
  const problems: KbProblem[] = [];
  const entries: KnowledgeEntry[] = [];
  const idFiles = new Map<string, string>();
  const questionOwners = new Map<string, { id: string; file: string }>();

  for (const { file, content } of parsed) {
    const result = parseEntry(content, file);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const entry = result.entry;
    const earlier = idFiles.get(entry.id);
    if (earlier) {
      problems.push({ file, field: 'id', message: `"${entry.id}" is already used by ${earlier}`, severity: 'error' });
      continue;
    }
    idFiles.set(entry.id, file);

    const seenHere = new Set<string>();
    entry.questions.forEach((question, i) => {
      const key = questionKey(question);
      if (seenHere.has(key)) {
        problems.push({ file, field: `questions.${i}`, message: `"${question}" is listed twice in this entry`, severity: 'warning' });
        return;
      }
      seenHere.add(key);
      const owner = questionOwners.get(key);
      if (owner) problems.push({ file, field: `questions.${i}`, message: `"${question}" is also a question of ${owner.id} (${owner.file}): a question must lead to one entry`, severity: 'error' });
      else questionOwners.set(key, { id: entry.id, file });
    });

    if (isExpired(entry, now)) problems.push({ file, field: 'effective_to', message: `expired on ${entry.effectiveTo}: it will not answer`, severity: 'warning' });
    if (isOverdue(entry, now)) problems.push({ file, field: 'review_due', message: `review was due on ${entry.reviewDue}`, severity: 'warning' });
    entries.push(entry);
  }
  return { entries, files: parsed.length, problems };
}

/** Reads every `*.md` under `dir` (README.md excepted); file names in problems are relative to `dir`. */
export function loadKnowledgeBase(dir: string, now: Date): KbCheck {
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new KbDirectoryError(`${dir} is not a directory`);
    files = markdownFiles(dir);
  } catch (error) {
    if (error instanceof KbDirectoryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new KbDirectoryError(`cannot read ${dir}: ${code === 'ENOENT' ? 'no such directory' : String(code ?? error)}`);
  }
  return checkEntries(
    files.map((path) => ({ file: relative(dir, path).split(sep).join('/'), content: readFileSync(path, 'utf8') })),
    now,
  );
}

export interface KbSummary {
  entries: number;
  ok: number;
  warnings: number;
  errors: number;
}

export function summarise(check: KbCheck): KbSummary {
  const flagged = new Set(check.problems.map((p) => p.file));
  const errors = check.problems.filter((p) => p.severity === 'error').length;
  return {
    entries: check.files,
    ok: check.entries.filter((e) => !flagged.has(e.file ?? '')).length,
    warnings: check.problems.length - errors,
    errors,
  };
}
