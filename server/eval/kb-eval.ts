/**
 * `jiesu eval kb`: retrieval quality of the knowledge search on a labelled set of passages and
 * questions: top-1, top-5 and mean reciprocal rank (over the first five), with abstention turned off
 * so every question is ranked, and the top-1 accuracy of the answers the bot would actually give.
 */
import { readFileSync } from 'node:fs';
import { createKnowledgeIndex, DEFAULT_CONFIDENCE_THRESHOLD, type Searchable } from '../../knowledge/search/knowledge-index.ts';
import { EvalInputError } from './labelled-file.ts';
import type { Progress } from './progress.ts';

export interface KbEvalQuestion {
  line: number;
  question: string;
  answerId: string;
}

export interface KbEvalRun {
  n: number;
  top1: number;
  top5: number;
  mrr: number;
  /** Questions whose best hit reaches the threshold (the bot answers them). */
  answered: number;
  /** Of those, how many were the right entry. */
  answeredCorrect: number;
  buildMs: number;
  searchMs: number;
}

const MAX_LISTED = 10;

function readJsonLines(path: string): Array<{ line: number; record: Record<string, unknown> }> {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EvalInputError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error)}`);
  }
  const rows: Array<{ line: number; record: Record<string, unknown> }> = [];
  const bad: string[] = [];
  content.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) rows.push({ line: i + 1, record: value as Record<string, unknown> });
      else bad.push(`line ${i + 1}: expected a JSON object`);
    } catch (error) {
      bad.push(`line ${i + 1}: not valid JSON (${(error as Error).message})`);
    }
  });
  if (bad.length > 0) throw new EvalInputError(`${path}:\n  ${[...bad.slice(0, MAX_LISTED), ...(bad.length > MAX_LISTED ? [`… and ${bad.length - MAX_LISTED} more`] : [])].join('\n  ')}`);
  if (rows.length === 0) throw new EvalInputError(`${path}: no lines (the file is empty)`);
  return rows;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** `{id, title?, question?, answer}` lines → searchable passages (a `question` becomes a question variant). */
export function readKbEvalEntries(path: string): Searchable[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries: Searchable[] = [];
  for (const { line, record } of readJsonLines(path)) {
    const { id, title, question, answer } = record;
    if (!nonEmpty(id) || !nonEmpty(answer)) problems.push(`line ${line}: "id" and "answer" must be non-empty strings`);
    else if (seen.has(id)) problems.push(`line ${line}: id ${JSON.stringify(id)} appears twice`);
    else {
      seen.add(id);
      entries.push({ id, answer, ...(nonEmpty(title) ? { title } : {}), ...(nonEmpty(question) ? { questions: [question] } : {}) });
    }
  }
  if (problems.length > 0) throw new EvalInputError(`${path}:\n  ${problems.slice(0, MAX_LISTED).join('\n  ')}${problems.length > MAX_LISTED ? `\n  … and ${problems.length - MAX_LISTED} more` : ''}`);
  return entries;
}

/** `{question, answer_id}` lines; every answer_id must name an entry. */
export function readKbEvalQuestions(path: string, ids: ReadonlySet<string>): KbEvalQuestion[] {
  const problems: string[] = [];
  const questions: KbEvalQuestion[] = [];
  for (const { line, record } of readJsonLines(path)) {
    const { question, answer_id: answerId } = record;
    if (!nonEmpty(question) || !nonEmpty(answerId)) problems.push(`line ${line}: "question" and "answer_id" must be non-empty strings`);
    else if (!ids.has(answerId)) problems.push(`line ${line}: answer_id ${JSON.stringify(answerId)} is not an entry's id`);
    else questions.push({ line, question, answerId });
  }
  if (problems.length > 0) throw new EvalInputError(`${path}:\n  ${problems.slice(0, MAX_LISTED).join('\n  ')}${problems.length > MAX_LISTED ? `\n  … and ${problems.length - MAX_LISTED} more` : ''}`);
  return questions;
}

export function runKbEval(entries: readonly Searchable[], questions: readonly KbEvalQuestion[], now: Date, progress?: Progress): KbEvalRun {
  const built = performance.now();
  const index = createKnowledgeIndex(entries, { now });
  const buildMs = performance.now() - built;
  const started = performance.now();
  let top1 = 0;
  let top5 = 0;
  let mrr = 0;
  let answered = 0;
  let answeredCorrect = 0;
  questions.forEach((q, i) => {
    const hits = index.search(q.question, { limit: 5, minConfidence: 0 });
    const rank = hits.findIndex((h) => h.entry.id === q.answerId);
    if (rank === 0) top1++;
    if (rank >= 0) {
      top5++;
      mrr += 1 / (rank + 1);
    }
    if ((hits[0]?.confidence ?? 0) >= DEFAULT_CONFIDENCE_THRESHOLD) {
      answered++;
      if (rank === 0) answeredCorrect++;
    }
    if ((i & 63) === 63) progress?.update(i + 1);
  });
  progress?.update(questions.length);
  progress?.finish();
  const n = questions.length;
  return { n, top1: top1 / n, top5: top5 / n, mrr: mrr / n, answered, answeredCorrect, buildMs, searchMs: performance.now() - started };
}

/** The printed report; the last line is `top1=… top5=… mrr=… n=…`. */
export function formatKbEvalRun(source: string, entries: number, run: KbEvalRun): string {
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
  return [
    `eval kb: ${run.n} questions against ${entries} entries from ${source}`,
    `answered at confidence ≥ ${DEFAULT_CONFIDENCE_THRESHOLD}: ${run.answered} of ${run.n} (${pct(run.answered, run.n)}), right entry first: ${run.answeredCorrect} (${pct(run.answeredCorrect, run.answered)} of those answered)`,
    `top1=${run.top1.toFixed(4)} top5=${run.top5.toFixed(4)} mrr=${run.mrr.toFixed(4)} n=${run.n}`,
  ].join('\n');
}
