import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EvalInputError } from './labelled-file.ts';
import { formatKbEvalRun, readKbEvalEntries, readKbEvalQuestions, runKbEval } from './kb-eval.ts';

const BIN = fileURLToPath(new URL('../../bin/jiesu.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jiesu-eval-kb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: Array<string | object>): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return path;
}

const ENTRIES = [
  { id: 'card', title: '社保卡补办', answer: '社保卡丢失后先挂失，再带身份证到服务网点补办。' },
  { id: 'heat', answer: '北京的供暖期一般从11月15日开始，到次年3月15日结束。' },
  { id: 'fund', question: '公积金能交房租吗', answer: '在京无自有住房的职工可以按月提取住房公积金支付房租。' },
  { id: 'dog', answer: '在北京养狗要到所在区的公安部门办理养犬登记，每年年检。' },
];
const QUESTIONS = [
  { question: '社会保障卡丢了怎么办', answer_id: 'card' },
  { question: '暖气几号开始来', answer_id: 'heat' },
  { question: '住房公积金付房租', answer_id: 'fund' },
  { question: '养狗要登记吗', answer_id: 'dog' },
];

describe('eval kb', () => {
  it('scores every question with top-1, top-5 and MRR', () => {
    const entries = readKbEvalEntries(file('entries.jsonl', ENTRIES));
    const questions = readKbEvalQuestions(file('questions.jsonl', QUESTIONS), new Set(entries.map((e) => e.id)));
    const run = runKbEval(entries, questions, new Date('2026-11-23'));
    expect(run).toMatchObject({ n: 4, top1: 1, top5: 1, mrr: 1 });
    expect(formatKbEvalRun('entries.jsonl', 4, run).split('\n').at(-1)).toBe('top1=1.0000 top5=1.0000 mrr=1.0000 n=4');
  });

  it('lists every bad line and an answer_id that names no entry', () => {
    expect(() => readKbEvalEntries(file('bad-json.jsonl', [ENTRIES[0]!, 'not json', '[1]']))).toThrow(/line 2: not valid JSON[\s\S]*line 3: expected a JSON object/);
    expect(() => readKbEvalEntries(file('bad-entries.jsonl', [{ id: 'a' }, ENTRIES[0]!, ENTRIES[0]!]))).toThrow(/line 1: "id" and "answer"[\s\S]*line 3: id "card" appears twice/);
    expect(() => readKbEvalQuestions(file('bad-q.jsonl', [{ question: '问', answer_id: 'nope' }]), new Set(['card']))).toThrow(EvalInputError);
  });

  it('runs from the command line with the summary as the last line', () => {
    const result = spawnSync(process.execPath, [BIN, 'eval', 'kb', '--entries', file('e.jsonl', ENTRIES), '--questions', file('q.jsonl', QUESTIONS)], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^top1=\d\.\d{4} top5=\d\.\d{4} mrr=\d\.\d{4} n=4$/);
  });

  it('explains missing flags without a stack trace', () => {
    const result = spawnSync(process.execPath, [BIN, 'eval', 'kb', '--entries', 'x.jsonl'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('eval kb needs --entries <file.jsonl> and --questions <file.jsonl>');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
