import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
