/**
 * `kb import`: a city's existing FAQ (JSONL or CSV rows) → entry files in the base's Markdown+YAML
 * format. Each row is written as Markdown, parsed back with parseEntry (the same schema `kb check`
 * applies), and checked against the ids and questions already in the base and earlier in the file; only
 * rows that pass are written. Answers over the chat-bubble limit are cut at a sentence boundary, the rest
 * going under `## 详细说明`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { loadKnowledgeBase, questionKey } from './check-entries.ts';
import { isExpired, isOverdue, MAX_ANSWER_CHARS, type KnowledgeEntry } from './entry.ts';
import { CsvError, parseCsv } from './import-csv.ts';
import { parseEntry, visibleLength } from './parse-entry.ts';

export const IMPORT_FIELDS = [
  'id', 'title', 'question', 'questions', 'answer', 'detail', 'category', 'source', 'source_date',
  'effective_from', 'effective_to', 'owner', 'review_due', 'regions',
] as const;

/** The input cannot be imported at all (unreadable, wrong format); the message is safe to print. */
export class ImportInputError extends Error {
  readonly code = 'KB_IMPORT_INPUT';
}

export interface ImportRow {
  /** 1-based line of the input where the row starts. */
  line: number;
  /** The row's fields. */
  data: Record<string, unknown>;
  /** Why it is not a row at all (a JSONL line that is not a JSON object). */
  malformed?: string;
}

export interface ReadRows {
  rows: ImportRow[];
  /** Columns or keys that are not import fields and were ignored. */
  ignoredFields: string[];
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportInputError(`${file} is not UTF-8 text (save it as UTF-8, e.g. "CSV UTF-8" in a spreadsheet)`);
  }
}

export function readImportFile(file: string): ReadRows {
  const ext = extname(file).toLowerCase();
  if (!['.jsonl', '.ndjson', '.csv'].includes(ext)) throw new ImportInputError(`${file}: expected a .jsonl or .csv file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportInputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error)}`);
  }
  const text = decodeUtf8(bytes, file);
  return ext === '.csv' ? csvRows(text, file) : jsonlRows(text);
}

const KNOWN = new Set<string>(IMPORT_FIELDS);

export function jsonlRows(text: string): ReadRows {
  const rows: ImportRow[] = [];
  const ignored = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      rows.push({ line: i + 1, data: {}, malformed: 'not valid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      rows.push({ line: i + 1, data: {}, malformed: 'not a JSON object' });
      return;
    }
    for (const key of Object.keys(value)) if (!KNOWN.has(key)) ignored.add(key);
    rows.push({ line: i + 1, data: value as Record<string, unknown> });
  });
  return { rows, ignoredFields: [...ignored] };
}

export function csvRows(text: string, file = 'input'): ReadRows {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportInputError(`${file}: ${error.message}`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], ignoredFields: [] };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  if (!names.includes('answer') || !(names.includes('question') || names.includes('questions'))) {
    throw new ImportInputError(`${file}: the header row (line ${header.line}) needs "question" (or "questions") and "answer" columns; it has ${names.join(', ')}`);
  }
  const rows = body.map((record): ImportRow => {
    if (record.fields.length > names.length) return { line: record.line, data: {}, malformed: `has ${record.fields.length} fields; the header has ${names.length}` };
    const data: Record<string, unknown> = {};
    names.forEach((name, i) => {
      if (KNOWN.has(name)) data[name] = record.fields[i] ?? '';
    });
    return { line: record.line, data };
  });
  return { rows, ignoredFields: names.filter((n) => !KNOWN.has(n) && n !== '') };
}

export interface ImportDefaults {
  source?: string;
  owner?: string;
  category?: string;
  regions?: string[];
}

export interface ImportOptions {
  /** Where entry files are written. */
  into: string;
  /** The knowledge base whose ids and questions an import must not repeat (it may contain `into`). */
  base: string;
  defaults: ImportDefaults;
  now: Date;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface RejectedRow {
  line: number;
  reason: string;
  detail: string;
}

export interface ImportReport {
  rows: number;
  imported: { line: number; id: string; file: string }[];
  rejected: RejectedRow[];
  /** Rows whose answer was cut: the short answer kept `kept` characters, the rest went to the detail. */
  split: { line: number; id: string; kept: number }[];
  /** Imported rows with a `kb check` warning (review already overdue). */
  warnings: { line: number; id: string; message: string }[];
  ignoredFields: string[];
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function plusOneYear(date: Date): string {
  const next = new Date(date.getTime());
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return day(next);
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = (typeof value === 'string' ? value : String(value)).replace(/\r\n?/g, '\n').trim();
  return text === '' ? undefined : text;
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(str) : (str(value) ?? '').split('|').map(str);
  return items.filter((q): q is string => q !== undefined);
}

/** Stable for the question, whatever its punctuation or script: `faq-` and 12 hex digits. */
export function derivedId(question: string): string {
  return `faq-${createHash('sha256').update(questionKey(question)).digest('hex').slice(0, 12)}`;
}

const TERMINAL = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '"', '\'', '】', '》']);

/**
 * The longest start of `text` ending at a sentence boundary and at most `max` visible characters, with
 * the rest; undefined when even the first sentence is longer.
 */
export function splitAtSentence(text: string, max = MAX_ANSWER_CHARS): { short: string; rest: string } | undefined {
  const chars = [...text];
  let best: number | undefined;
  let visible = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!/\s/.test(c)) visible += 1;
    if (visible > max) break;
    const boundary = TERMINAL.has(c) || (c === '.' && (i + 1 === chars.length || /\s/.test(chars[i + 1]!))) || (c === '\n' && i > 0);
    if (!boundary) continue;
    let end = i + 1;
    while (end < chars.length && (TERMINAL.has(chars[end]!) || CLOSERS.has(chars[end]!))) end += 1;
    if (visibleLength(chars.slice(0, end).join('')) <= max) best = end;
  }
  if (best === undefined) return undefined;
  const short = chars.slice(0, best).join('').trim();
  const rest = chars.slice(best).join('').trim();
  return short === '' ? undefined : { short, rest };
}

export function entryFileText(fm: Record<string, unknown>, answer: string, detail?: string): string {
  const yaml = stringifyYaml(fm, { lineWidth: 0 }).trimEnd();
  return `---\n${yaml}\n---\n${answer}\n${detail ? `\n## 详细说明\n${detail}\n` : ''}`;
}

type Outcome =
  | { ok: true; entry: KnowledgeEntry; text: string; split?: number }
  | { ok: false; reason: string; detail: string };

/** One row → the entry's file text, parsed back and valid on its own; or why not. */
export function buildEntry(row: Record<string, unknown>, defaults: ImportDefaults, now: Date, file = 'row'): Outcome {
  const questions = list(row.questions ?? row.question);
  if (questions.length === 0) return { ok: false, reason: 'missing question', detail: 'no "question" or "questions"' };
  let answer = str(row.answer);
  if (!answer) return { ok: false, reason: 'missing answer', detail: 'no "answer"' };
  let detail = str(row.detail);
  let split: number | undefined;
  if (visibleLength(answer) > MAX_ANSWER_CHARS) {
    const cut = splitAtSentence(answer);
    if (!cut) {
      return { ok: false, reason: 'answer too long, no sentence boundary', detail: `${visibleLength(answer)} characters and no sentence end within the first ${MAX_ANSWER_CHARS}` };
    }
    answer = cut.short;
    detail = [cut.rest, detail].filter(Boolean).join('\n\n') || undefined;
    split = visibleLength(answer);
  }

  const seen = new Set<string>();
  const unique = questions.filter((q) => {
    const key = questionKey(q);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const fm = {
    id: str(row.id) ?? derivedId(unique[0]!),
    title: str(row.title) ?? unique[0]!,
    questions: unique,
    category: str(row.category) ?? defaults.category,
    source: { name: str(row.source) ?? defaults.source, date: str(row.source_date) ?? day(now) },
    effective_from: str(row.effective_from) ?? day(now),
    effective_to: str(row.effective_to) ?? null,
    owner: str(row.owner) ?? defaults.owner,
    review_due: str(row.review_due) ?? plusOneYear(now),
    regions: row.regions !== undefined && list(row.regions).length > 0 ? list(row.regions) : (defaults.regions ?? ['北京市']),
  };
  const flagFor: Record<string, string | undefined> = { category: fm.category, source: fm.source.name, owner: fm.owner };
  for (const [field, given] of Object.entries(flagFor)) {
    if (given === undefined) return { ok: false, reason: `missing ${field}`, detail: `no "${field}" in the row and no --${field} default` };
  }
  const text = entryFileText(fm, answer, detail);
  const parsed = parseEntry(text, file);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    const missing = first.message === 'is required';
    return {
      ok: false,
      reason: `${missing ? 'missing' : 'invalid'} ${first.field}`,
      detail: parsed.problems.map((p) => `${p.field}: ${p.message}${missing ? ' (give it in the row or with a flag)' : ''}`).join('; '),
    };
  }
  // What is read back must be what was meant (an answer containing its own "## 详细说明" would not be).
  if (parsed.entry.answer !== answer || (parsed.entry.detail ?? '') !== (detail ?? '')) {
    return { ok: false, reason: 'invalid answer', detail: 'the answer contains a "## 详细说明" heading; put that part in "detail"' };
  }
  if (isExpired(parsed.entry, now)) return { ok: false, reason: 'expired', detail: `effective_to ${parsed.entry.effectiveTo} is past: it would never answer` };
  return { ok: true, entry: parsed.entry, text, ...(split !== undefined ? { split } : {}) };
}

function inside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

function existing(dir: string, now: Date): KnowledgeEntry[] {
  try {
    return loadKnowledgeBase(dir, now).entries;
  } catch {
    return []; // not there yet: nothing to collide with
  }
}

export function importRows(read: ReadRows, options: ImportOptions): ImportReport {
  const { into, base, defaults, now } = options;
  const known = [...existing(base, now), ...(inside(into, base) ? [] : existing(into, now))];
  const ids = new Map<string, string>();
  const questions = new Map<string, string>();
  const remember = (entry: KnowledgeEntry, where: string) => {
    ids.set(entry.id, where);
    for (const q of entry.questions) if (!questions.has(questionKey(q))) questions.set(questionKey(q), `${entry.id} (${where})`);
  };
  for (const entry of known) remember(entry, entry.file ?? entry.id);

  const report: ImportReport = { rows: read.rows.length, imported: [], rejected: [], split: [], warnings: [], ignoredFields: read.ignoredFields };
  const total = read.rows.length;
  read.rows.forEach((row, index) => {
    const reject = (reason: string, detail: string) => report.rejected.push({ line: row.line, reason, detail });
    const outcome: Outcome = row.malformed !== undefined ? { ok: false, reason: 'malformed row', detail: row.malformed } : buildEntry(row.data, defaults, now, `line ${row.line}`);
    if (!outcome.ok) reject(outcome.reason, outcome.detail);
    else {
      const { entry } = outcome;
      const clash = entry.questions.find((q) => questions.has(questionKey(q)));
      if (clash !== undefined) reject('duplicate question', `"${clash}" is already a question of ${questions.get(questionKey(clash))}`);
      else if (ids.has(entry.id)) reject('duplicate id', `"${entry.id}" is already used by ${ids.get(entry.id)}`);
      else {
        const file = join(into, `${entry.id}.md`);
        let written = true;
        if (!options.dryRun) {
          try {
            mkdirSync(into, { recursive: true });
            writeFileSync(file, outcome.text, { flag: 'wx' });
          } catch (error) {
            written = false;
            const code = (error as NodeJS.ErrnoException).code;
            reject(code === 'EEXIST' ? 'file exists' : 'cannot write', code === 'EEXIST' ? `${file} is already there` : `${file}: ${String(code ?? error)}`);
          }
        }
        if (written) {
          remember(entry, `line ${row.line}`);
          report.imported.push({ line: row.line, id: entry.id, file });
          if (outcome.split !== undefined) report.split.push({ line: row.line, id: entry.id, kept: outcome.split });
          if (isOverdue(entry, now)) report.warnings.push({ line: row.line, id: entry.id, message: `review was due on ${entry.reviewDue}` });
        }
      }
    }
    options.onProgress?.(index + 1, total);
  });
  return report;
}
