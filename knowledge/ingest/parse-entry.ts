/**
 * One Markdown file → a validated entry or the list of what is wrong with it, each problem naming its
 * field, so `kb check` can tell the content engineer exactly what to fix.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { entryFrontMatterSchema, MAX_ANSWER_CHARS, type KnowledgeEntry } from './entry.ts';

export type Severity = 'error' | 'warning';

export interface KbProblem {
  file: string;
  /** Dotted path of the field (`source.date`, `questions.2`), or `file`/`answer` for the body. */
  field: string;
  message: string;
  severity: Severity;
}

export type ParseResult = { ok: true; entry: KnowledgeEntry } | { ok: false; problems: KbProblem[] };

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const DETAIL_HEADING = /^##\s+详细说明\s*$/m;

/** The body's chat answer and optional detail: the detail starts at the `## 详细说明` heading. */
export function splitBody(body: string): { answer: string; detail?: string } {
  const match = DETAIL_HEADING.exec(body);
  if (!match) return { answer: body.trim() };
  const answer = body.slice(0, match.index).trim();
  const detail = body.slice(match.index + match[0].length).trim();
  return detail ? { answer, detail } : { answer };
}

/** Count what a reader sees: code points, not UTF-16 units. */
export function visibleLength(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

export function parseEntry(content: string, file: string): ParseResult {
  const error = (field: string, message: string): KbProblem => ({ file, field, message, severity: 'error' });
  const match = FRONT_MATTER.exec(content);
  if (!match) return { ok: false, problems: [error('file', 'no YAML front matter: the file must start with a line "---", the fields, then "---"')] };

  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (e) {
    const message = e instanceof YAMLParseError ? e.message.split('\n')[0] : String(e);
    return { ok: false, problems: [error('front matter', `not valid YAML: ${message}`)] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problems: [error('front matter', 'must be a mapping of fields (id, title, questions, …)')] };
  }

  const problems: KbProblem[] = [];
  const parsed = entryFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join('.') : 'front matter';
      const missing = issue.code === 'invalid_type' && (data as Record<string, unknown>)[String(issue.path[0])] === undefined && issue.path.length === 1;
      problems.push(error(field, missing ? 'is required' : issue.message));
    }
  }

  const { answer, detail } = splitBody(content.slice(match[0].length));
  if (answer === '') problems.push(error('answer', 'the short answer (the text after the front matter) is empty'));
  const length = visibleLength(answer);
  if (length > MAX_ANSWER_CHARS) problems.push(error('answer', `the short answer has ${length} characters; at most ${MAX_ANSWER_CHARS} (move the rest under "## 详细说明")`));

  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const fm = parsed.data;
  if (fm.effective_to && fm.effective_to < fm.effective_from) {
    return { ok: false, problems: [error('effective_to', `is before effective_from (${fm.effective_from})`)] };
  }
  const entry: KnowledgeEntry = {
    id: fm.id,
    title: fm.title,
    questions: fm.questions,
    category: fm.category,
    source: { name: fm.source.name, date: fm.source.date, ...(fm.source.url ? { url: fm.source.url } : {}) },
    effectiveFrom: fm.effective_from,
    effectiveTo: fm.effective_to ?? null,
    owner: fm.owner,
    reviewDue: fm.review_due,
    regions: fm.regions,
    answer,
    ...(detail ? { detail } : {}),
    file,
  };
  return { ok: true, entry };
}
