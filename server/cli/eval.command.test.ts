import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/jiesu.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jiesu-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: Array<string | object>): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return path;
}

const jiesu = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });

function expectNoStackTrace(result: ReturnType<typeof jiesu>): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe('');
}

describe('jiesu eval', () => {
  it('reports per-class figures, a confusion matrix and the summary as the last line', () => {
    const path = file('category.jsonl', [
      { text: '公司拖欠我们三个月工资，老板一直不给', label: '劳动和社会保障' },
      { text: '出租车司机拒载，还故意绕路多收钱', label: '交通运输' },
      { text: '化工厂晚上偷偷排放废气，气味刺鼻', label: '环境保护' },
      { text: '医院看病排队太久，医生态度很差', label: '交通运输' },
    ]);
    const result = jiesu('eval', 'category', path);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    // 劳动 1, 交通 2/3 (one of two found), 环境 1, 卫生 0 (predicted once, never true): macro (1 + 2/3 + 1 + 0) / 4
    expect(lines.at(-1)).toBe('accuracy=0.7500 macroF1=0.6667 n=4');
    expect(result.stdout).toContain('precision');
    expect(result.stdout).toMatch(/true \\ predicted\s+城乡\s+劳动\s+教育\s+商贸\s+环境\s+卫生\s+交通/);
  });

  it('evaluates request kinds with an undecided column', () => {
    const path = file('type.jsonl', [
      { text: '我要举报楼下的饭馆无证经营', type: '举报' },
      { text: '你好', type: '咨询' },
    ]);
    const result = jiesu('eval', 'type', path);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('未判定');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^accuracy=\d\.\d{4} macroF1=\d\.\d{4} n=2$/);
  });

  it('says which file is missing', () => {
    const result = jiesu('eval', 'category', join(dir, 'nope.jsonl'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no such file');
    expectNoStackTrace(result);
  });

  it('names the line that is not JSON', () => {
    const result = jiesu('eval', 'category', file('bad.jsonl', [{ text: '出租车拒载', label: '交通运输' }, '{"text": "少了括号"']));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('line 2: not valid JSON');
    expectNoStackTrace(result);
  });

  it('lists the lines with an unknown label', () => {
    const result = jiesu('eval', 'category', file('labels.jsonl', [{ text: '出租车拒载', label: '交通' }, { text: '噪音扰民', label: '环境保护' }, { text: '公交晚点', label: '交通' }]));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown label "交通" on lines 1, 3');
    expectNoStackTrace(result);
  });

  it('refuses an empty file', () => {
    const result = jiesu('eval', 'type', file('empty.jsonl', []));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no lines to evaluate');
    expectNoStackTrace(result);
  });

  it('explains its usage for an unknown task or a missing file', () => {
    for (const args of [['eval'], ['eval', 'sentiment', 'x.jsonl'], ['eval', 'category']]) {
      const result = jiesu(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('usage: jiesu eval category <file.jsonl>');
      expectNoStackTrace(result);
    }
  });
});
