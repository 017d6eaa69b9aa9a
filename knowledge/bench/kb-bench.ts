/**
 * `npm run bench:kb [-- --entries 10000] [--json]`: builds a knowledge index of 10,000 entries (our
 * base, then the gov-qa policy passages in ../shared/data/gov-qa when present, then generated text
 * recombined from those to reach the size), runs realistic questions against it, and runs minisearch
 * on the same entries and questions in the same process, with the same jieba tokeniser so the two
 * differ only in their index. `--json` prints a last line
 * {"entries","buildMs","qps","p99Ms","minisearchQps","heapMb"}.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { loadKnowledgeBase } from '../ingest/check-entries.ts';
import { createKnowledgeIndex, type Searchable } from '../search/knowledge-index.ts';
import { normaliseText, wordTerms } from '../search/tokenise.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GOV_QA = fileURLToPath(new URL('../../../shared/data/gov-qa/', import.meta.url));

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const next = i >= 0 ? process.argv[i + 1] : undefined;
  return next && !next.startsWith('--') ? next : undefined;
}

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Deterministic, so two runs index the same text. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FALLBACK_CLAUSES = ['社保卡丢失后可以先挂失再补办', '供暖期一般从11月15日开始', '租房可以提取住房公积金', '异地就医需要先备案', '新生儿出生后一个月内办理户口登记', '夜间施工需要办理许可', '预付卡商家停业可以申请退款', '老年人可以在养老助餐点就餐'];

function corpus(target: number): { entries: Searchable[]; queries: string[]; sources: string } {
  const entries: Searchable[] = [];
  const queries: string[] = [];
  const kbDir = `${ROOT}knowledge/entries`;
  const base = existsSync(kbDir) ? loadKnowledgeBase(kbDir, new Date()).entries : [];
  for (const e of base) {
    entries.push(e);
    queries.push(...e.questions);
  }
  const passages: string[] = [];
  if (existsSync(`${GOV_QA}dev-entries.jsonl`)) {
    for (const row of readJsonl(`${GOV_QA}dev-entries.jsonl`)) if (typeof row.answer === 'string') passages.push(row.answer);
    for (const row of readJsonl(`${GOV_QA}dev-questions.jsonl`)) if (typeof row.question === 'string') queries.push(row.question);
  }
  const real = passages.length;
  passages.slice(0, target - entries.length).forEach((answer, i) => entries.push({ id: `gov-${i}`, answer }));
  // Generated entries: clauses of the real passages recombined, so the vocabulary stays realistic.
  const clauses = passages.flatMap((p) => p.split(/[，。；、]/)).filter((c) => c.length >= 4);
  if (clauses.length === 0) clauses.push(...FALLBACK_CLAUSES);
  if (queries.length === 0) queries.push(...FALLBACK_CLAUSES.map((c) => `${c.slice(0, 6)}怎么办`));
  const next = random(12345);
  let generated = 0;
  while (entries.length < target) {
    const parts = Array.from({ length: 2 + Math.floor(next() * 4) }, () => clauses[Math.floor(next() * clauses.length)]!);
    entries.push({ id: `gen-${generated++}`, answer: `${parts.join('，')}。` });
  }
  return { entries, queries, sources: `${base.length} from knowledge/entries, ${Math.min(real, target - base.length)} gov-qa passages, ${generated} generated` };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function timeQueries(queries: readonly string[], minMs: number, run: (q: string) => unknown): { qps: number; p99Ms: number } {
  for (const q of queries.slice(0, 200)) run(q); // warm-up
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() - started < minMs) {
    for (const q of queries) {
      const t = performance.now();
      run(q);
      times.push(performance.now() - t);
    }
  }
  const elapsed = performance.now() - started;
  const sorted = Float64Array.from(times).sort();
  return { qps: times.length / (elapsed / 1000), p99Ms: percentile(sorted, 99) };
}

const gc = (globalThis as { gc?: () => void }).gc;

function main(): void {
  const target = Number(flag('entries') ?? 10_000);
  const json = process.argv.includes('--json');
  const { entries, queries, sources } = corpus(target);
  const tokenise = (text: string) => wordTerms(normaliseText(text));
  const jiebaStarted = performance.now();
  tokenise('预热分词词典');
  const jiebaMs = performance.now() - jiebaStarted;

  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStarted = performance.now();
  const index = createKnowledgeIndex(entries, { now: new Date() });
  const buildMs = performance.now() - buildStarted;
  gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const ours = timeQueries(queries, 2000, (q) => index.search(q, { limit: 5 }));

  const mini = new MiniSearch<{ id: string; title: string; questions: string; answer: string }>({
    fields: ['title', 'questions', 'answer'],
    tokenize: tokenise,
    processTerm: (t) => t,
    searchOptions: { boost: { title: 2, questions: 3 }, tokenize: tokenise, processTerm: (t) => t },
  });
  const miniStarted = performance.now();
  mini.addAll(entries.map((e) => ({ id: e.id, title: e.title ?? '', questions: (e.questions ?? []).join('\n'), answer: e.answer })));
  const miniBuildMs = performance.now() - miniStarted;
  const theirs = timeQueries(queries, 2000, (q) => mini.search(q).slice(0, 5));

  const result = {
    entries: index.size,
    buildMs: Math.round(buildMs),
    qps: Math.round(ours.qps),
    p99Ms: Number(ours.p99Ms.toFixed(3)),
    minisearchQps: Math.round(theirs.qps),
    heapMb: Number(heapMb.toFixed(1)),
  };
  const lines = [
    `kb bench: ${index.size} entries (${sources}); ${queries.length} questions`,
    `jieba dictionary load: ${jiebaMs.toFixed(0)} ms (once per process)`,
    `index build: ${result.buildMs} ms, heap ${result.heapMb} MB${gc ? '' : ' (approximate: run with --expose-gc)'}`,
    `search: ${result.qps} queries/s, p99 ${result.p99Ms} ms`,
    `minisearch 7.2.0 (same tokeniser): build ${miniBuildMs.toFixed(0)} ms, ${result.minisearchQps} queries/s, p99 ${theirs.p99Ms.toFixed(3)} ms`,
    `speed-up: ${(ours.qps / theirs.qps).toFixed(2)}× minisearch`,
  ];
  process.stdout.write(`${json ? [...lines, JSON.stringify(result)].join('\n') : lines.join('\n')}\n`);
}

main();
