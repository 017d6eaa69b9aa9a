/**
 * A knowledge entry: one Markdown file with YAML front matter (see knowledge/README.md for the format).
 * The schema checks one entry; whole-base checks (unique ids, shared questions, dates against `now`)
 * live in check-entries.ts.
 */
import { z } from 'zod';

export const KB_CATEGORIES = ['城乡建设', '劳动和社会保障', '教育文体', '商贸旅游', '环境保护', '卫生计生', '交通运输', '综合'] as const;
export type KbCategory = (typeof KB_CATEGORIES)[number];

/** The short answer is a chat bubble. */
export const MAX_ANSWER_CHARS = 300;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// YAML turns an unquoted 2024-03-01 into a Date; accept both and keep the ISO day string.
const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z.string().refine(isRealDate, { message: 'must be a date written YYYY-MM-DD' }),
);

const text = z.string().trim().min(1, { message: 'must not be empty' });

export const entryFrontMatterSchema = z.object({
  id: z.string().regex(ID, { message: 'must be kebab-case ASCII (a-z, 0-9, single hyphens)' }),
  title: text,
  questions: z.array(text).min(1, { message: 'needs at least one question' }),
  category: z.enum(KB_CATEGORIES, { message: `must be one of ${KB_CATEGORIES.join(', ')}` }),
  source: z.object({
    name: text,
    date: isoDate,
    url: z.url().optional().nullable(),
  }),
  effective_from: isoDate,
  effective_to: isoDate.nullable().optional(),
  owner: text,
  review_due: isoDate,
  regions: z.array(text).min(1, { message: 'needs at least one region' }),
});

export type EntryFrontMatter = z.infer<typeof entryFrontMatterSchema>;

export interface KnowledgeEntry {
  id: string;
  title: string;
  questions: string[];
  category: KbCategory;
  source: { name: string; date: string; url?: string };
  effectiveFrom: string;
  /** null: no end date */
  effectiveTo: string | null;
  owner: string;
  reviewDue: string;
  regions: string[];
  /** The chat-bubble answer (≤ 300 characters). */
  answer: string;
  /** The `## 详细说明` section and anything after it, when present. */
  detail?: string;
  /** Where it was read from, relative to the base directory. */
  file?: string;
}

/** The entry's day-granular validity at `now`: expired once `effective_to` is before today. */
export function isExpired(entry: Pick<KnowledgeEntry, 'effectiveTo'>, now: Date): boolean {
  return entry.effectiveTo !== null && entry.effectiveTo < now.toISOString().slice(0, 10);
}

export function isOverdue(entry: Pick<KnowledgeEntry, 'reviewDue'>, now: Date): boolean {
  return entry.reviewDue < now.toISOString().slice(0, 10);
}
