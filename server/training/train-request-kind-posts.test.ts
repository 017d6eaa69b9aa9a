import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCategoryClassifier } from '../../flows/domain/classify/classify-category.ts';
import { LONG_MODEL_URL } from '../../flows/domain/understand/request-kind-long-model.ts';
import { REQUEST_KINDS } from '../../flows/domain/understand/request-type.ts';
import { readKindLabels, trainLongKindModel } from './train-request-kind-posts.ts';

const SCRIPT = fileURLToPath(new URL('./train-request-kind-posts.ts', import.meta.url));
const LABELS = new URL('./request-kind-labels.jsonl', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'jiesu-train-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const train = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });

describe('the labels of real messages', () => {
  const labels = readKindLabels(readFileSync(LABELS, 'utf8'));

  it('name each corpus line once, with a kind, and hold no text', () => {
    expect(labels.length).toBeGreaterThanOrEqual(1400);
    expect(new Set(labels.map((l) => l.line)).size).toBe(labels.length);
    for (const label of labels) {
      expect(label.line).toBeGreaterThanOrEqual(0);
      expect(label.line).toBeLessThan(5860);
      expect(Object.keys(label).every((k) => ['line', 'type', 'unsure'].includes(k))).toBe(true);
    }
  });

  it('are the ones the shipped model was trained on (retrain with npm run train:kinds after changing them)', () => {
    const shipped = JSON.parse(readFileSync(LONG_MODEL_URL, 'utf8')) as { training: { labelsSha256: string; realMessages: number } };
    expect(shipped.training.labelsSha256).toBe(createHash('sha256').update(readFileSync(LABELS)).digest('hex'));
    expect(shipped.training.realMessages).toBe(labels.length);
  });

  it('keep the held-out labels apart from the training labels', () => {
    const heldOut = readKindLabels(readFileSync(new URL('./request-kind-heldout-labels.jsonl', import.meta.url), 'utf8'));
    expect(heldOut.length).toBe(300);
    expect(new Set(heldOut.map((l) => l.line)).size).toBe(300);
    expect(heldOut.every((l) => l.line >= 0 && l.line < 4326)).toBe(true);
  });

  it('refuses a malformed line', () => {
    expect(() => readKindLabels('{"line": 3, "type": "吐槽"}')).toThrow(/line 1: needs \{line, type\}/);
  });
});

describe('trainLongKindModel', () => {
  it('trains the same artifact from the same examples, and it reads them back', () => {
    const examples = [
      ...['楼下饭馆油烟太大熏得没法开窗', '物业不管事垃圾堆了一个星期', '工地半夜施工吵得睡不着觉'].map((text) => ({ text, gold: 1 })),
      ...['请问居住证到期了怎么续签', '想问一下医保卡丢了去哪补办', '孩子上学需要准备哪些材料'].map((text) => ({ text, gold: 0 })),
      ...['家里老人瘫痪没人照顾求帮忙', '失业了没钱交房租实在没办法', '孩子生病住院医药费凑不齐'].map((text) => ({ text, gold: 2 })),
      ...['建议在路口增设红绿灯', '希望公园能多放几张长椅', '建议地铁末班车延长半小时'].map((text) => ({ text, gold: 3 })),
      ...['举报有人在小区里传销', '举报饭店用地沟油', '举报黑诊所无证行医'].map((text) => ({ text, gold: 4 })),
      ...['感谢社区王书记帮我们解决难题', '表扬热心的公交司机', '谢谢民警帮我找回钱包'].map((text) => ({ text, gold: 5 })),
    ];
    const a = trainLongKindModel(examples, 1.5, {});
    expect(JSON.stringify(trainLongKindModel(examples, 1.5, {}))).toBe(JSON.stringify(a));
    const classify = createCategoryClassifier(a);
    expect(classify('举报有人传销').label).toBe(REQUEST_KINDS[4]);
  });
});

describe('npm run train:kinds', () => {
  it('stops with a clear message on a bad flag, a missing corpus or a different file', () => {
    const badFlag = train('--folds', '3');
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain('unknown arguments: --folds');
    const missing = train('--data', join(dir, 'nope.jsonl'), '--no-write');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('the labelled corpus');
    const other = join(dir, 'other.jsonl');
    writeFileSync(other, '{"text": "随便写的一句话", "label": "城乡建设"}\n');
    const different = train('--data', other, '--no-write');
    expect(different.status).toBe(2);
    expect(different.stderr).toContain('is not the file the labels were made on');
    for (const run of [badFlag, missing, different]) expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
