import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from './import-csv.ts';
import { buildEntry, csvRows, derivedId, importRows, jsonlRows, splitAtSentence } from './import-faq.ts';
import { visibleLength } from './parse-entry.ts';

const NOW = new Date('2026-03-01T08:00:00Z');
const DEFAULTS = { source: '某市12345常见问题汇编', owner: '某市12345热线', category: '综合' };
const root = mkdtempSync(join(tmpdir(), 'jiesu-kb-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes, with each record’s first line', () => {
    const text = '\uFEFFquestion,answer\r\n"垃圾分类,怎么分","分成四类：""厨余""、可回收、有害和其他。\r\n详见小区公告。"\r\n\r\n停车怎么收费,按小时计费\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['question', 'answer'] },
      { line: 2, fields: ['垃圾分类,怎么分', '分成四类："厨余"、可回收、有害和其他。\n详见小区公告。'] },
      { line: 5, fields: ['停车怎么收费', '按小时计费'] },
    ]);
  });

  it('keeps an empty last field and a last record without a line break', () => {
    expect(parseCsv('a,b,\n"x",')).toEqual([{ line: 1, fields: ['a', 'b', ''] }, { line: 2, fields: ['x', ''] }]);
  });

  it('refuses an unterminated quote, naming its line', () => {
    expect(() => parseCsv('question,answer\n"没有结束,的引号\n')).toThrow(/line 2/);
  });
});

describe('splitAtSentence', () => {
  it('cuts at the last sentence end within the limit, keeping closing quotes', () => {
    const cut = splitAtSentence('第一句话。第二句“带引号。”第三句很长很长', 14);
    expect(cut).toEqual({ short: '第一句话。第二句“带引号。”', rest: '第三句很长很长' });
  });

  it('gives up when the first sentence is already too long', () => {
    expect(splitAtSentence('一二三四五六七八九十，还没完。', 8)).toBeUndefined();
  });
});

describe('buildEntry', () => {
  it('derives a stable id from the question, whatever its punctuation', () => {
    expect(derivedId('居住证怎么办理？')).toBe(derivedId('居住证怎么办理'));
    expect(derivedId('居住证怎么办理')).toMatch(/^faq-[0-9a-f]{12}$/);
  });

  it('moves the rest of a long answer under the detail, before the row’s own detail', () => {
    const answer = '请带好身份证原件和复印件，到就近的政务服务中心窗口取号办理。'.repeat(12);
    const result = buildEntry({ question: '证件怎么办理', answer, detail: '周末不办公。' }, DEFAULTS, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(visibleLength(result.entry.answer)).toBeLessThanOrEqual(300);
    expect(result.entry.answer.endsWith('。')).toBe(true);
    expect(result.entry.detail?.endsWith('周末不办公。')).toBe(true);
    expect(`${result.entry.answer}${result.entry.detail?.replace(/\s*周末不办公。$/, '')}`.replace(/\s/g, '')).toBe(answer);
  });

  it('fills defaults: today for the dates, a year on for the review, the flags for the rest', () => {
    const result = buildEntry({ question: '公园几点关门', answer: '各公园开放时间不同，请看门口公告。' }, DEFAULTS, NOW);
    expect(result.ok && result.entry).toMatchObject({ source: { name: DEFAULTS.source, date: '2026-03-01' }, effectiveFrom: '2026-03-01', reviewDue: '2027-03-01', owner: DEFAULTS.owner, regions: ['北京市'] });
  });

  it('names a missing field that has no flag', () => {
    expect(buildEntry({ question: '公园几点关门', answer: '请看公告。' }, {}, NOW)).toMatchObject({ ok: false, reason: 'missing category' });
    expect(buildEntry({ question: '公园几点关门', answer: '请看公告。', review_due: '2027-02-30' }, DEFAULTS, NOW)).toMatchObject({ ok: false, reason: 'invalid review_due' });
  });

  it('refuses an answer that carries its own detail heading', () => {
    expect(buildEntry({ question: '公园几点关门', answer: '请看公告。\n## 详细说明\n更多' }, DEFAULTS, NOW)).toMatchObject({ ok: false, reason: 'invalid answer' });
  });
});

describe('importRows', () => {
  it('rejects a question seen earlier in the file; a dry run writes nothing', () => {
    const read = jsonlRows(['{"question":"居住证怎么办理","answer":"到派出所申请。"}', '', '{"question":"居住证怎么办理？","answer":"重复的。"}'].join('\n'));
    const into = join(root, 'dry');
    const report = importRows(read, { into, base: into, defaults: DEFAULTS, now: NOW, dryRun: true });
    expect(report.imported.map((i) => i.line)).toEqual([1]);
    expect(report.rejected).toMatchObject([{ line: 3, reason: 'duplicate question' }]);
    expect(() => readdirSync(into)).toThrow();
  });

  it('maps CSV columns and ignores unknown ones', () => {
    const read = csvRows('question,answer,备注\n公园几点关门,请看公告。,x\n');
    expect(read.ignoredFields).toEqual(['备注']);
    expect(read.rows).toEqual([{ line: 2, data: { question: '公园几点关门', answer: '请看公告。' } }]);
  });
});
