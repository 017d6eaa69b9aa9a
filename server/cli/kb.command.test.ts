import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { entryMarkdown, FIXTURES } from '../../knowledge/test-support/fixture-entries.ts';

const BIN = fileURLToPath(new URL('../../bin/jiesu.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'jiesu-kb-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const jiesu = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });

function base(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

describe('jiesu kb check', () => {
  it('passes a clean base with a summary and exit 0', () => {
    const dir = base('clean', { 'a.md': entryMarkdown(FIXTURES[0]!), 'b.md': entryMarkdown(FIXTURES[1]!) });
    const result = jiesu('kb', 'check', dir);
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd()).toBe('entries=2 ok=2 warnings=0 errors=0');
  });

  it('exits 0 with warnings only (an overdue review)', () => {
    const dir = base('overdue', { 'a.md': entryMarkdown({ ...FIXTURES[0]!, reviewDue: '2020-01-01' }) });
    const result = jiesu('kb', 'check', dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('warning  a.md  review_due: review was due on 2020-01-01');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('entries=1 ok=0 warnings=1 errors=0');
  });

  it('prints each error with its file and field and exits 1', () => {
    const dir = base('broken', { 'a.md': entryMarkdown(FIXTURES[0]!), 'b.md': entryMarkdown({ ...FIXTURES[1]!, category: '天气' }) });
    const result = jiesu('kb', 'check', dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^error {4}b\.md {2}category: must be one of/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('entries=2 ok=1 warnings=0 errors=1');
  });

  it('explains a missing directory or subcommand without a stack trace', () => {
    const missing = jiesu('kb', 'check', join(root, 'nowhere'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such directory');
    const unknown = jiesu('kb', 'frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('usage: jiesu kb check');
    expect(`${missing.stderr}${unknown.stderr}`).not.toMatch(/^\s+at /m);
  });
});

describe('jiesu kb import', () => {
  const FLAGS = ['--source', '某市12345常见问题汇编', '--owner', '某市12345热线'];
  const GOOD_ROWS = [
    { question: '居住证怎么办理', answer: '带上身份证和居住登记凭证到居住地派出所申请，符合条件的一般十五个工作日内可以领取。', category: '综合' },
    { questions: '公园几点关门|公园闭园时间是几点', title: '公园开放时间', answer: '各公园开放时间不同，可以查看公园门口的公告或官方网站。', category: '城乡建设' },
    { id: 'bus-card-refund', question: '公交卡怎么退卡', answer: '带上公交卡到指定的客服网点办理退卡，卡内余额和押金会一并退还。', category: '交通运输', source_date: '2025-06-01', review_due: '2027-06-01' },
  ];
  const jsonl = (rows: object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  const write = (name: string, content: string) => {
    const path = join(root, name);
    writeFileSync(path, content);
    return path;
  };
  const lastLine = (out: string) => out.trimEnd().split('\n').at(-1);

  it('imports good JSONL rows into entries that kb check passes, together with the base', () => {
    const dir = base('import-good', { 'a.md': entryMarkdown(FIXTURES[0]!) });
    const file = write('good.jsonl', jsonl(GOOD_ROWS));
    const result = jiesu('kb', 'import', file, '--into', join(dir, 'imported'), '--base', dir, ...FLAGS);
    expect(result.status).toBe(0);
    expect(lastLine(result.stdout)).toBe('rows=3 imported=3 rejected=0 split=0');
    expect(readdirSync(join(dir, 'imported')).sort()).toHaveLength(3);
    expect(readFileSync(join(dir, 'imported', 'bus-card-refund.md'), 'utf8')).toContain('date: 2025-06-01');
    const check = jiesu('kb', 'check', dir);
    expect(check.status).toBe(0);
    expect(check.stdout.trimEnd()).toBe('entries=4 ok=4 warnings=0 errors=0');

    // The same file again: every row is already there.
    const again = jiesu('kb', 'import', file, '--into', join(dir, 'imported'), '--base', dir, ...FLAGS);
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('rejected  duplicate question: 3 (lines 1, 2, 3)');
    expect(lastLine(again.stdout)).toBe('rows=3 imported=0 rejected=3 split=0 duplicate-question=3');
    expect(readdirSync(join(dir, 'imported'))).toHaveLength(3);
  });

  it('reads CSV with quoted commas, doubled quotes and line breaks, using --category for empty cells', () => {
    const dir = base('import-csv', {});
    const file = write('faq.csv', [
      'question,answer,category',
      '"停车费,怎么查","可以在区发改委网站的""停车收费""栏目查询，',
      '也可以拨打12345。",',
      '路灯不亮找谁,可以拨打12345反映，我们会转给路灯管理部门。,城乡建设',
      '',
    ].join('\r\n'));
    const result = jiesu('kb', 'import', file, '--into', dir, '--base', dir, '--category', '交通运输', ...FLAGS);
    expect(result.status).toBe(0);
    expect(lastLine(result.stdout)).toBe('rows=2 imported=2 rejected=0 split=0');
    const check = jiesu('kb', 'check', dir);
    expect(check.stdout.trimEnd()).toBe('entries=2 ok=2 warnings=0 errors=0');
    const texts = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(texts.find((t) => t.includes('停车费,怎么查'))).toContain('可以在区发改委网站的"停车收费"栏目查询，\n也可以拨打12345。');
    expect(texts.find((t) => t.includes('停车费,怎么查'))).toContain('category: 交通运输');
    expect(texts.find((t) => t.includes('路灯不亮找谁'))).toContain('category: 城乡建设');
  });

  it('rejects a question already in the base and a row without an answer, by line; imports the rest', () => {
    const dir = base('import-rejects', { 'a.md': entryMarkdown(FIXTURES[0]!) });
    const file = write('rejects.jsonl', jsonl([
      GOOD_ROWS[0]!,
      { question: '社保卡丢了怎么办？', answer: '换个说法问同一件事。', category: '劳动和社会保障' },
      { question: '没有答案的问题', category: '综合' },
    ]));
    const result = jiesu('kb', 'import', file, '--into', join(dir, 'imported'), '--base', dir, ...FLAGS);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('rejected  duplicate question: 1 (line 2)');
    expect(result.stdout).toContain('social-security-card-replace (a.md)');
    expect(result.stdout).toContain('rejected  missing answer: 1 (line 3)');
    expect(lastLine(result.stdout)).toBe('rows=3 imported=1 rejected=2 split=0 duplicate-question=1 missing-answer=1');
    expect(readdirSync(join(dir, 'imported'))).toHaveLength(1);
  });

  it('splits a long answer at a sentence end and rejects one with no sentence end in reach, saying which', () => {
    const dir = base('import-long', {});
    const long = '请带好身份证原件和复印件，到就近的政务服务中心窗口取号办理。'.repeat(12);
    const file = write('long.jsonl', jsonl([
      { id: 'long-answer', question: '证件怎么办理', answer: long, category: '综合' },
      { question: '一句话很长', answer: `${'这是没有句号的长句子，'.repeat(30)}结束。`, category: '综合' },
    ]));
    const result = jiesu('kb', 'import', file, '--into', dir, '--base', dir, ...FLAGS);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^split {5}line 1 {2}long-answer: answer over 300 characters; the first \d+ /m);
    expect(result.stdout).toContain('rejected  answer too long, no sentence boundary: 1 (line 2)');
    const text = readFileSync(join(dir, 'long-answer.md'), 'utf8');
    expect(text).toContain('\n## 详细说明\n');
    expect(jiesu('kb', 'check', dir).stdout.trimEnd()).toBe('entries=1 ok=1 warnings=0 errors=0');
  });

  it('writes nothing on a dry run', () => {
    const dir = join(root, 'import-dry');
    const file = write('dry.jsonl', jsonl(GOOD_ROWS));
    const result = jiesu('kb', 'import', '--dry-run', file, '--into', dir, '--base', dir, ...FLAGS);
    expect(result.status).toBe(0);
    expect(lastLine(result.stdout)).toBe('rows=3 would-import=3 rejected=0 split=0 (dry run: nothing written)');
    expect(existsSync(dir)).toBe(false);
  });

  it('exits 2 for an unreadable file or bad flags, 1 when every row is rejected', () => {
    const dir = join(root, 'import-bad');
    expect(jiesu('kb', 'import', join(root, 'missing.jsonl'), '--into', dir).status).toBe(2);
    expect(jiesu('kb', 'import', write('x.txt', 'hello'), '--into', dir).status).toBe(2);
    const file = write('ok.jsonl', jsonl(GOOD_ROWS));
    const badCategory = jiesu('kb', 'import', file, '--into', dir, '--category', '天气');
    expect(badCategory.status).toBe(2);
    expect(badCategory.stderr).toContain('--category must be one of');
    expect(jiesu('kb', 'import', file, '--into', dir, '--frobnicate').status).toBe(2);
    expect(jiesu('kb', 'import', write('open.csv', 'question,answer\n"没有结束,的引号\n'), '--into', dir).stderr).toContain('line 2');
    const none = jiesu('kb', 'import', write('none.jsonl', 'not json\n{"question":"只有问题"}\n'), '--into', dir, '--base', dir, ...FLAGS);
    expect(none.status).toBe(1);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('jiesu kb gaps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-gaps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const gaps = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'kb', 'gaps', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'gaps.sqlite')}`, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });

  it('says so when nothing has been asked yet, with the resolution rate', () => {
    const result = gaps();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No unanswered or unhelpful questions recorded yet.');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('consultations=0 answered=0 helped=0 firstContactResolution=n/a');
  });

  it('refuses a limit that is not a number', () => {
    const result = gaps('--limit', 'many');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--limit must be a whole number');
  });
});
