import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCategoryClassifier } from '../../flows/domain/classify/classify-category.ts';
import type { CategoryModelFile } from '../../flows/domain/classify/category-model.ts';
import { FIXTURE_MESSAGES } from './fixtures.ts';

const SCRIPT = fileURLToPath(new URL('./train-category.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jiesu-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = join(dir, 'train.jsonl');
writeFileSync(data, FIXTURE_MESSAGES.map((m) => JSON.stringify(m)).join('\n'));

const train = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 120_000 });

describe('npm run train', () => {
  it('cross-validates the model and the baseline, then writes the same artifact every time', () => {
    const first = train('--data', data, '--out', join(dir, 'a.json'), '--folds', '5');
    expect(first.stderr).not.toMatch(/^\s+at /m);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('== chosen: NB-SVM');
    expect(first.stdout).toContain('== baseline: TF-IDF');
    expect(first.stdout.match(/^accuracy=\d\.\d{4} macroF1=\d\.\d{4} n=35$/gm)).toHaveLength(2);
    const second = train('--data', data, '--out', join(dir, 'b.json'), '--folds', '5');
    expect(second.status).toBe(0);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));

    const classify = createCategoryClassifier(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as CategoryModelFile);
    expect(classify('老板拖欠工资不给，社保也没交').label).toBe('劳动和社会保障');
  });

  it('stops with a clear message on a bad flag or a missing data file', () => {
    const badFlag = train('--folds', 'many');
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain('--folds must be a whole number');
    const missing = train('--data', join(dir, 'nope.jsonl'), '--no-write');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(missing.stderr).not.toMatch(/^\s+at /m);
    const tooFew = train('--data', data, '--folds', '6', '--no-write');
    expect(tooFew.status).toBe(2);
    expect(tooFew.stderr).toContain('every label needs at least 6 messages');
  });
});
