import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryMarkdown, FIXTURES } from '../test-support/fixture-entries.ts';
import { KbDirectoryError, loadKnowledgeBase, summarise } from './check-entries.ts';

const NOW = new Date('2026-11-23T08:00:00Z');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function base(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-kb-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const fixture = (i: number) => FIXTURES[i]!;

describe('loadKnowledgeBase', () => {
  it('loads well-formed entries from nested topic folders with their answer and detail', () => {
    const dir = base({
      'social-security/social-security-card-replace.md': entryMarkdown(fixture(0)),
      'heating/heating-season-dates.md': entryMarkdown(fixture(1)),
      'README.md': '# not an entry',
    });
    const check = loadKnowledgeBase(dir, NOW);
    expect(check.problems).toEqual([]);
    expect(check.entries.map((e) => e.id).sort()).toEqual(['heating-season-dates', 'social-security-card-replace']);
    const card = check.entries.find((e) => e.id === 'social-security-card-replace')!;
    expect(card).toMatchObject({ file: 'social-security/social-security-card-replace.md', effectiveFrom: '2024-03-01', effectiveTo: null, source: { date: '2024-03-01' } });
    expect(card.answer).toMatch(/^社保卡丢失后/);
    expect(card.detail).toBe('补卡期间看病可以用医保电子凭证。');
    expect(summarise(check)).toEqual({ entries: 2, ok: 2, warnings: 0, errors: 0 });
  });

  it('names the file and field of each schema problem', () => {
    const bad = entryMarkdown({ ...fixture(0), id: 'Social_Card', category: '社保' }).replace('owner: 测试单位\n', '').replace('date: 2024-03-01', 'date: 2024-02-30');
    const check = loadKnowledgeBase(base({ 'bad.md': bad }), NOW);
    expect(check.entries).toEqual([]);
    const fields = check.problems.map((p) => `${p.file} ${p.field}`);
    expect(fields).toEqual(expect.arrayContaining(['bad.md id', 'bad.md category', 'bad.md owner', 'bad.md source.date']));
    expect(check.problems.find((p) => p.field === 'owner')!.message).toBe('is required');
    expect(check.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('rejects an empty question list and a short answer over 300 characters', () => {
    const check = loadKnowledgeBase(base({ 'a.md': entryMarkdown({ ...fixture(0), questions: [], answer: '请'.repeat(301) }) }), NOW);
    expect(check.problems.map((p) => p.field).sort()).toEqual(['answer', 'questions']);
    expect(check.problems.find((p) => p.field === 'answer')!.message).toContain('301');
  });

  it('counts only the answer before 详细说明 against the 300-character limit', () => {
    const check = loadKnowledgeBase(base({ 'a.md': entryMarkdown({ ...fixture(0), answer: '请'.repeat(300), detail: '细'.repeat(900) }) }), NOW);
    expect(check.problems).toEqual([]);
  });

  it('reports a file without front matter and front matter that is not YAML', () => {
    const check = loadKnowledgeBase(base({ 'plain.md': '社保卡丢了先挂失。', 'broken.md': '---\nid: [oops\n---\n回答' }), NOW);
    expect(check.problems.map((p) => `${p.file} ${p.field}`).sort()).toEqual(['broken.md front matter', 'plain.md file']);
  });

  it('refuses a second entry with the same id', () => {
    const dir = base({ 'a.md': entryMarkdown(fixture(0)), 'b.md': entryMarkdown({ ...fixture(1), id: fixture(0).id }) });
    const check = loadKnowledgeBase(dir, NOW);
    expect(check.problems).toEqual([{ file: 'b.md', field: 'id', message: '"social-security-card-replace" is already used by a.md', severity: 'error' }]);
    expect(check.entries).toHaveLength(1);
  });

  it('finds the same question in two entries, ignoring punctuation and traditional characters', () => {
    const dir = base({ 'a.md': entryMarkdown(fixture(0)), 'b.md': entryMarkdown({ ...fixture(1), questions: ['北京几号来暖气', '社保卡丟了怎麼辦？'] }) });
    const check = loadKnowledgeBase(dir, NOW);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatchObject({ file: 'b.md', field: 'questions.1', severity: 'error' });
    expect(check.problems[0]!.message).toContain('social-security-card-replace');
  });

  it('warns about expired and overdue entries but keeps them loaded', () => {
    const dir = base({ 'old.md': entryMarkdown({ ...fixture(2), effectiveTo: '2025-12-31', reviewDue: '2026-06-01' }) });
    const check = loadKnowledgeBase(dir, NOW);
    expect(check.problems.map((p) => [p.field, p.severity])).toEqual([['effective_to', 'warning'], ['review_due', 'warning']]);
    expect(check.entries).toHaveLength(1);
    expect(summarise(check)).toEqual({ entries: 1, ok: 0, warnings: 2, errors: 0 });
  });

  it('rejects an end date before the start date', () => {
    const check = loadKnowledgeBase(base({ 'a.md': entryMarkdown({ ...fixture(2), effectiveTo: '2023-01-01' }) }), NOW);
    expect(check.problems).toEqual([expect.objectContaining({ field: 'effective_to', severity: 'error' })]);
  });

  it('says so when the directory does not exist', () => {
    expect(() => loadKnowledgeBase(join(tmpdir(), 'jiesu-no-such-kb-dir'), NOW)).toThrow(KbDirectoryError);
  });
});
