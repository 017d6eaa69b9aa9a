/**
 * Reads `{text, <field>}` JSON lines for evaluation and training. Every problem in the file is found
 * before giving up, so one run tells the operator everything to fix.
 */
import { readFileSync } from 'node:fs';

/** Bad input: the message is written for the operator and is safe to print as it is. */
export class EvalInputError extends Error {
  readonly code = 'EVAL_INPUT';
}

export interface LabelledLine {
  /** 1-based line number in the file */
  line: number;
  text: string;
  /** index into the allowed labels */
  gold: number;
}

const MAX_LISTED = 10;

function listLines(lines: number[]): string {
  const shown = lines.slice(0, MAX_LISTED).join(', ');
  return lines.length > MAX_LISTED ? `${shown} and ${lines.length - MAX_LISTED} more` : shown;
}

export function readLabelledFile(path: string, field: string, labels: readonly string[]): LabelledLine[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new EvalInputError(`cannot read ${path}: ${reason}`);
  }
  return parseLabelledLines(content, field, labels, path);
}

export function parseLabelledLines(content: string, field: string, labels: readonly string[], source = 'input'): LabelledLine[] {
  const allowed = new Map(labels.map((label, i) => [label, i]));
  const problems: string[] = [];
  const badJson: string[] = [];
  const badShape: string[] = [];
  const unknown = new Map<string, number[]>();
  const rows: LabelledLine[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      badJson.push(`line ${line}: not valid JSON (${(error as Error).message})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      badShape.push(`line ${line}: expected an object like {"text": "…", "${field}": "…"}`);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.text !== 'string' || record.text.trim() === '') {
      badShape.push(`line ${line}: "text" must be a non-empty string`);
      return;
    }
    const label = record[field];
    if (typeof label !== 'string') {
      badShape.push(`line ${line}: "${field}" must be a string`);
      return;
    }
    const gold = allowed.get(label.trim());
    if (gold === undefined) {
      unknown.set(label, [...(unknown.get(label) ?? []), line]);
      return;
    }
    rows.push({ line, text: record.text, gold });
  });

  for (const list of [badJson, badShape]) {
    problems.push(...list.slice(0, MAX_LISTED));
    if (list.length > MAX_LISTED) problems.push(`… and ${list.length - MAX_LISTED} more lines like that`);
  }
  for (const [label, at] of unknown) {
    problems.push(`unknown ${field} ${JSON.stringify(label)} on line${at.length > 1 ? 's' : ''} ${listLines(at)}`);
  }
  if (unknown.size > 0) problems.push(`a ${field} must be one of: ${labels.join(', ')}`);
  if (problems.length > 0) throw new EvalInputError(`${source}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
  if (rows.length === 0) throw new EvalInputError(`${source}: no lines to evaluate (the file is empty)`);
  return rows;
}
