/**
 * `npm run train:kinds`: the request-kind model for long messages (a letter pasted into the chat, a
 * message-board post). The rules in `request-type.ts` were written for chat sentences; on real board
 * messages they are right about half the time (a 举报 or 建议 cue somewhere in a long grievance decides).
 * This model is trained on 1,400 real messages of `../shared/data/gov-messages/category-train.jsonl`
 * that the team labelled by kind (`request-kind-labels.jsonl`: line index and kind, no text), plus the
 * team's development sentences (`test/fixtures/request-kinds.jsonl`, always training, never scored).
 *
 *   npm run train:kinds -- [--data <category-train.jsonl>] [--out <model.json>] [--no-write]
 *
 * 5-fold stratified cross-validation of the artifact exactly as the bot scores it, the rules on the same
 * messages for comparison, a threshold table for `LONG_MESSAGE_SURE`, then the final model on all of it.
 * Deterministic: the same data gives the same figures and a byte-identical file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileCategoryModel, scoreText, type CategoryModelFile } from '../../flows/domain/classify/category-model.ts';
import type { FeatureConfig } from '../../flows/domain/classify/features.ts';
import { LONG_MODEL_URL } from '../../flows/domain/understand/request-kind-long-model.ts';
import { classifyShortRequestKind, cjkLength, LONG_MESSAGE, REQUEST_KINDS, type RequestKind } from '../../flows/domain/understand/request-type.ts';
import { normaliseForMatching } from '../../flows/domain/understand/fold.ts';
import { parseArgs, stringFlag } from '../cli/args.ts';
import { evaluate, formatClassTable, formatConfusionMatrix, summaryLine } from '../eval/metrics.ts';
import { argmax, fitProbabilityScale, softmax } from './calibrate.ts';
import { compactModel } from './compact.ts';
import { buildCorpus, fitVocabulary, vectorise } from './corpus.ts';
import { stratifiedFolds } from './folds.ts';
import { trainNbsvm, type NbsvmOptions } from './nbsvm.ts';

const ROOT = new URL('../../', import.meta.url);
const DEFAULT_DATA = fileURLToPath(new URL('../shared/data/gov-messages/category-train.jsonl', ROOT));
const LABELS = fileURLToPath(new URL('server/training/request-kind-labels.jsonl', ROOT));
const DEV = fileURLToPath(new URL('test/fixtures/request-kinds.jsonl', ROOT));
/** The labels name lines of this exact file. */
export const LABELLED_CORPUS_SHA256 = 'd35e8cbf701de0bbbdfbbc7de4a93e53ed56c9c294ab93965ffed9b0fc69d909';
/**
 * Held out: 300 messages of another file of the same board, labelled after the model was chosen and
 * measured once. Never train or tune on them; label fresh ones for the next measurement.
 */
const HELDOUT_DATA = fileURLToPath(new URL('../shared/data/gov-messages/unlabeled-with-votes.jsonl', ROOT));
const HELDOUT_LABELS = fileURLToPath(new URL('server/training/request-kind-heldout-labels.jsonl', ROOT));
export const HELDOUT_CORPUS_SHA256 = '9dc4de0652fd7ee5014d915751abc329047042ada4d9e98e9af802b578cbb0de';

/** Settled by cross-validation (see README.md): the category model's NB-SVM, without the lead window. */
export const LONG_KIND_MODEL = {
  features: { maxN: 2, lead: 0 } satisfies FeatureConfig,
  minDf: 2,
  maxFeatures: 20_000,
  nbsvm: { alpha: 0.1, counts: 'tfidf', balanced: true, lambda: 1e-4, epochs: 10, seed: 1 } satisfies NbsvmOptions,
  folds: 5,
  seed: 42,
};

export interface KindLabel {
  /** 0-based index of the message among the corpus file's non-empty lines. */
  line: number;
  type: RequestKind;
  /** The labeller was torn between two kinds. */
  unsure?: boolean;
}

export function readKindLabels(content: string): KindLabel[] {
  return content
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const label = JSON.parse(l) as KindLabel;
      if (!Number.isInteger(label.line) || !REQUEST_KINDS.includes(label.type)) throw new Error(`request-kind-labels.jsonl line ${i + 1}: needs {line, type}`);
      return label;
    });
}

interface Example {
  text: string;
  gold: number;
}

/** The artifact from the given examples (real messages and development sentences alike). */
export function trainLongKindModel(examples: readonly Example[], probabilityScale: number, training: Record<string, unknown>): CategoryModelFile {
  const corpus = buildCorpus(
    examples.map((e) => e.text),
    LONG_KIND_MODEL.features,
  );
  const all = examples.map((_, i) => i);
  const vocabulary = fitVocabulary(corpus, all, LONG_KIND_MODEL.minDf);
  const xs = all.map((i) => vectorise(corpus.docs[i]!, vocabulary, 'sublinear'));
  const model = trainNbsvm(
    xs,
    examples.map((e) => e.gold),
    vocabulary.idf.length,
    REQUEST_KINDS.length,
    LONG_KIND_MODEL.nbsvm,
  );
  return compactModel(model, vocabulary, corpus.grams, {
    labels: REQUEST_KINDS,
    features: LONG_KIND_MODEL.features,
    maxFeatures: LONG_KIND_MODEL.maxFeatures,
    probabilityScale,
    description:
      'Kind of request of long messages: NB-SVM one-vs-rest over character 1–2-grams, trained on real message-board posts ' +
      'labelled by the team (server/training/request-kind-labels.jsonl) and the team-written development sentences. Weights only, no text.',
    training,
  });
}

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}


export async function trainRequestKindPosts(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  const unknown = [...Object.keys(parsed.flags).filter((f) => !['data', 'out', 'no-write'].includes(f)).map((f) => `--${f}`), ...parsed.positionals];
  if (unknown.length > 0) {
    process.stderr.write(`unknown arguments: ${unknown.join(' ')}\nusage: npm run train:kinds -- [--data <category-train.jsonl>] [--out <model.json>] [--no-write]\n`);
    return 2;
  }
  const data = stringFlag(parsed, 'data') ?? DEFAULT_DATA;
  const out = stringFlag(parsed, 'out') ?? fileURLToPath(LONG_MODEL_URL);
  const started = performance.now();
  let content: string;
  try {
    content = readFileSync(data, 'utf8');
  } catch {
    process.stderr.write(`cannot read ${data}: the labelled corpus (../shared/data/gov-messages/category-train.jsonl) is needed to train\n`);
    return 2;
  }
  const fingerprint = createHash('sha256').update(content).digest('hex');
  if (fingerprint !== LABELLED_CORPUS_SHA256) {
    process.stderr.write(`${data}: sha256 ${fingerprint} is not the file the labels were made on (${LABELLED_CORPUS_SHA256})\n`);
    return 2;
  }
  const messages = content
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const labels = readKindLabels(readFileSync(LABELS, 'utf8'));
  const real: Example[] = labels.map((l) => ({ text: messages[l.line]!, gold: REQUEST_KINDS.indexOf(l.type) }));
  const dev: Example[] = readFileSync(DEV, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; type: RequestKind })
    .map((l) => ({ text: l.text, gold: REQUEST_KINDS.indexOf(l.type) }));
  log(`request kinds of long messages: ${real.length} labelled real messages (${labels.filter((l) => l.unsure).length} marked unsure) + ${dev.length} development sentences`);
  log(`${LONG_KIND_MODEL.folds}-fold stratified cross-validation over the real messages, seed ${LONG_KIND_MODEL.seed}; development sentences always train`);

  const gold = real.map((e) => e.gold);
  const fold = stratifiedFolds(gold, LONG_KIND_MODEL.folds, LONG_KIND_MODEL.seed);
  const margins = new Array<Float64Array>(real.length);
  for (let k = 0; k < LONG_KIND_MODEL.folds; k++) {
    const training = [...real.filter((_, i) => fold[i] !== k), ...dev];
    const compiled = compileCategoryModel(trainLongKindModel(training, 1, {}));
    real.forEach((e, i) => {
      if (fold[i] === k) margins[i] = scoreText(compiled, e.text);
    });
    process.stderr.write(`fold ${k + 1}/${LONG_KIND_MODEL.folds} done (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  const predicted = margins.map(argmax);
  const rules = real.map((e) => {
    const kind = classifyShortRequestKind(e.text)?.kind;
    return kind ? REQUEST_KINDS.indexOf(kind) : undefined;
  });
  const model = evaluate(REQUEST_KINDS, gold, predicted);
  log();
  log('== model, all labelled messages (cross-validated) ==');
  log(formatClassTable(model));
  log();
  log(formatConfusionMatrix(model));
  log(summaryLine(model));
  log();
  log('== the chat rules (with their n-gram tie-breaker) on the same messages ==');
  log(summaryLine(evaluate(REQUEST_KINDS, gold, rules, '未判定')));
  const majority = gold.filter((g) => g === REQUEST_KINDS.indexOf('投诉')).length / gold.length;
  log(`always 投诉: accuracy=${majority.toFixed(4)}`);
  const long = real.flatMap((e, i) => (cjkLength(normaliseForMatching(e.text)) >= LONG_MESSAGE ? [i] : []));
  const short = real.flatMap((_, i) => (long.includes(i) ? [] : [i]));
  for (const [name, set] of [[`at least ${LONG_MESSAGE} Chinese characters`, long], [`shorter`, short]] as const) {
    const pick = <T>(xs: readonly T[]) => set.map((i) => xs[i]!);
    log(`${name} (${set.length}): model ${summaryLine(evaluate(REQUEST_KINDS, pick(gold), pick(predicted)))}`);
    log(`${' '.repeat(name.length + String(set.length).length + 4)} rules ${summaryLine(evaluate(REQUEST_KINDS, pick(gold), pick(rules), '未判定'))}`);
  }
  const sure = labels.flatMap((l, i) => (l.unsure ? [] : [i]));
  log(`messages the labeller was sure of (${sure.length}): model ${summaryLine(evaluate(REQUEST_KINDS, sure.map((i) => gold[i]!), sure.map((i) => predicted[i]!)))}`);

  const probabilityScale = fitProbabilityScale(margins, gold);
  log();
  log(`== confidence: softmax of ${probabilityScale.toFixed(3)} × margin (fitted on the cross-validated margins) ==`);
  log('threshold  answered  accuracy of those answered');
  for (const threshold of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    const above = margins.flatMap((m, i) => (Math.max(...softmax(m, probabilityScale)) >= threshold ? [i] : []));
    const right = above.filter((i) => predicted[i] === gold[i]).length;
    log(`${threshold.toFixed(1).padStart(9)}  ${((100 * above.length) / real.length).toFixed(1).padStart(7)}%  ${(right / Math.max(1, above.length)).toFixed(4)}`);
  }

  const file = trainLongKindModel([...real, ...dev], probabilityScale, {
    realMessages: real.length,
    developmentSentences: dev.length,
    corpusSha256: fingerprint,
    labelsSha256: createHash('sha256').update(readFileSync(LABELS)).digest('hex'),
    crossValidated: { accuracy: Math.round(model.accuracy * 10_000) / 10_000, macroF1: Math.round(model.macroF1 * 10_000) / 10_000 },
  });
  const json = `${JSON.stringify(file)}\n`;
  reportHeldOut(compileCategoryModel(file));
  log();
  log(`final model: ${file.tokens.split('\n').length} n-grams, ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB`);
  if (parsed.flags['no-write'] !== true) {
    writeFileSync(out, json);
    log(`wrote ${out}`);
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

/** The final model on the held-out messages, when their file is at hand (it is not needed to train). */
function reportHeldOut(compiled: ReturnType<typeof compileCategoryModel>): void {
  let content: string;
  try {
    content = readFileSync(HELDOUT_DATA, 'utf8');
  } catch {
    return;
  }
  if (createHash('sha256').update(content).digest('hex') !== HELDOUT_CORPUS_SHA256) {
    log(`held-out check skipped: ${HELDOUT_DATA} is not the file the held-out labels were made on`);
    return;
  }
  const messages = content.split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { text: string }).text);
  const labels = readKindLabels(readFileSync(HELDOUT_LABELS, 'utf8'));
  const gold = labels.map((l) => REQUEST_KINDS.indexOf(l.type));
  const predicted = labels.map((l) => argmax(scoreText(compiled, messages[l.line]!)));
  const rules = labels.map((l) => {
    const kind = classifyShortRequestKind(messages[l.line]!)?.kind;
    return kind ? REQUEST_KINDS.indexOf(kind) : undefined;
  });
  log();
  log(`== held out: ${labels.length} labelled messages of unlabeled-with-votes.jsonl, never trained or tuned on ==`);
  const model = evaluate(REQUEST_KINDS, gold, predicted);
  log(formatClassTable(model));
  log(formatConfusionMatrix(model));
  log(`model ${summaryLine(model)}`);
  log(`rules ${summaryLine(evaluate(REQUEST_KINDS, gold, rules, '未判定'))}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await trainRequestKindPosts(process.argv.slice(2));
}
