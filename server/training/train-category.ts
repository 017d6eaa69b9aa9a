/**
 * `npm run train`: cross-validates the category model and a TF-IDF + naive Bayes baseline on the same
 * folds, then trains on every message and writes the artifact the bot loads.
 *
 *   npm run train -- [--data <category-train.jsonl>] [--out <category-model.json>] [--folds 5]
 *                    [--seed 42] [--max-features 50000] [--max-word-features 30000] [--no-write]
 *
 * --max-word-features 0 leaves the word model out (the n-gram model alone, as before).
 *
 * Deterministic: the same data and flags give the same figures and the same file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORY_LABELS, compileCategoryModel, predictCategory, scoreText, type CategoryModelFile } from '../../flows/domain/classify/category-model.ts';
import { CATEGORY_MODEL_URL } from '../../flows/domain/classify/classify-category.ts';
import { normaliseForCategory, type FeatureConfig } from '../../flows/domain/classify/features.ts';
import { compileLexicon, lexiconFeatures, type ScanOptions } from '../../flows/domain/classify/lexicon.ts';
import { parseArgs, stringFlag } from '../cli/args.ts';
import { evaluate, formatClassTable, formatConfusionMatrix, summaryLine } from '../eval/metrics.ts';
import { readLabelledFile, EvalInputError } from '../eval/labelled-file.ts';
import { argmax, fitProbabilityScale, softmax } from './calibrate.ts';
import { compactModel } from './compact.ts';
import { buildCorpus, buildCorpusWith, fitVocabulary, vectorise, type Corpus } from './corpus.ts';
import { chooseLexicon, jiebaWords } from './lexicon.ts';
import { stratifiedFolds } from './folds.ts';
import { trainMultinomialNb } from './naive-bayes.ts';
import { scoreLinear, trainNbsvm, type NbsvmOptions } from './nbsvm.ts';

const DEFAULT_DATA = fileURLToPath(new URL('../../../shared/data/gov-messages/category-train.jsonl', import.meta.url));

/** The chosen model, settled by 5-fold cross-validation on the training file (see README.md). */
export const CHOSEN = {
  features: { maxN: 2, lead: 40 } satisfies FeatureConfig,
  minDf: 3,
  nbsvm: { alpha: 0.1, counts: 'tfidf', balanced: true, lambda: 1e-4, epochs: 10, seed: 1 } satisfies NbsvmOptions,
  /**
   * A second NB-SVM over words, same settings; its margins × `weight` are added to the n-gram model's.
   * The lexicon is jieba's search-mode words of at least `lexiconMinDf` training messages; every message,
   * in training as in the bot, is then read by the lexicon scan (`flows/domain/classify/lexicon.ts`):
   * forward maximum matching, each segment's word and its lexicon subwords of ≥ 2 characters, and pairs
   * of neighbouring segments. Word features are kept when seen in ≥ `minDf` training messages.
   */
  words: {
    lexiconMinDf: 2,
    /** not reached (about 30,500 words on the full file); pair keys need words² < 2³¹ */
    maxLexicon: 40_000,
    scan: { subwords: 'within', minSubword: 2 } satisfies ScanOptions,
    minDf: 3,
    weight: 0.75,
  },
};

/** The baseline: character 1–2-grams, raw tf × idf, L2-normalised, multinomial NB. */
export const BASELINE = { features: { maxN: 2, lead: 0 } satisfies FeatureConfig, minDf: 1, alpha: 0.01 };

const DESCRIPTION =
  'NB-SVM one-vs-rest (naive Bayes log-count ratios × linear SVM, hinge loss, SGD) over character 1–2-grams ' +
  'and tagged 1–2-grams of the first 40 characters, plus one over lexicon words and pairs of neighbouring words ' +
  '(forward maximum matching over a lexicon of jieba words of the training messages; margins × 0.75, added); ' +
  'sublinear tf × idf, L2-normalised; softmax-calibrated';

interface Options {
  data: string;
  out: string;
  folds: number;
  seed: number;
  maxFeatures: number;
  /** 0: no word model */
  maxWordFeatures: number;
  write: boolean;
}

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const USAGE =
  'usage: npm run train -- [--data <file.jsonl>] [--out <model.json>] [--folds 5] [--seed 42] [--max-features 50000] [--max-word-features 30000] [--no-write]';
const FLAGS = new Set(['data', 'out', 'folds', 'seed', 'max-features', 'max-word-features', 'no-write']);

function readOptions(argv: string[]): Options | string {
  const args = parseArgs(argv);
  const unknown = [...Object.keys(args.flags).filter((f) => !FLAGS.has(f)).map((f) => `--${f}`), ...args.positionals];
  if (unknown.length > 0) return `unknown arguments: ${unknown.join(' ')}\n${USAGE}`;
  for (const name of ['data', 'out']) if (args.flags[name] === true) return `--${name} needs a value\n${USAGE}`;
  const whole = (name: string, fallback: number, min: number): number | string => {
    const raw = stringFlag(args, name);
    if (raw === undefined) return args.flags[name] === true ? `--${name} needs a value` : fallback;
    return /^\d+$/.test(raw) && Number(raw) >= min ? Number(raw) : `--${name} must be a whole number ≥ ${min}\n${USAGE}`;
  };
  const folds = whole('folds', 5, 2);
  const seed = whole('seed', 42, 0);
  const maxFeatures = whole('max-features', 50_000, 1);
  const maxWordFeatures = whole('max-word-features', 30_000, 0);
  for (const value of [folds, seed, maxFeatures, maxWordFeatures]) if (typeof value === 'string') return value;
  return {
    data: stringFlag(args, 'data') ?? DEFAULT_DATA,
    out: stringFlag(args, 'out') ?? fileURLToPath(CATEGORY_MODEL_URL),
    folds: folds as number,
    seed: seed as number,
    maxFeatures: maxFeatures as number,
    maxWordFeatures: maxWordFeatures as number,
    write: args.flags['no-write'] !== true,
  };
}

const SHORT_CUTS = [20, 40, 80, 160];

/** For each threshold: share below it (ask), accuracy above it, and how often the truth is in the top 3 below. */
function formatThresholdTable(margins: readonly Float64Array[], gold: readonly number[], probabilityScale: number): string {
  const lines = ['threshold  below  accuracy above  accuracy below  truth in top 3 below'];
  const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '–');
  for (const threshold of [0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
    let below = 0;
    let rightAbove = 0;
    let rightBelow = 0;
    let top3Below = 0;
    margins.forEach((m, i) => {
      const p = softmax(m, probabilityScale);
      const best = argmax(p);
      if (p[best]! >= threshold) {
        if (best === gold[i]) rightAbove++;
        return;
      }
      below++;
      if (best === gold[i]) rightBelow++;
      if (p.filter((v) => v > p[gold[i]!]!).length < 3) top3Below++;
    });
    const above = margins.length - below;
    lines.push(`${threshold.toFixed(1).padStart(9)}  ${pct(below, margins.length).padStart(5)}  ${pct(rightAbove, above).padStart(14)}  ${pct(rightBelow, below).padStart(14)}  ${pct(top3Below, below).padStart(20)}`);
  }
  return lines.join('\n');
}


function trainOn(corpus: Corpus, gold: readonly number[], training: readonly number[], minDf: number) {
  const vocabulary = fitVocabulary(corpus, training, minDf);
  const xs = training.map((i) => vectorise(corpus.docs[i]!, vocabulary, 'sublinear'));
  const model = trainNbsvm(xs, training.map((i) => gold[i]!), vocabulary.idf.length, CATEGORY_LABELS.length, CHOSEN.nbsvm);
  return { model, vocabulary };
}

/** What the word model is built from: every message normalised, and its distinct jieba words. */
interface WordSource {
  normalised: readonly string[];
  jieba: readonly (readonly string[])[];
}

/**
 * The word model on the given messages: a lexicon from their jieba words, then every message's features
 * by the lexicon scan the bot runs (held-out messages are scanned too, but only training ones are read).
 */
function trainWords(source: WordSource, gold: readonly number[], training: readonly number[], options: Options) {
  const lexicon = chooseLexicon(source.jieba, training, CHOSEN.words.lexiconMinDf, CHOSEN.words.maxLexicon);
  const compiled = compileLexicon(lexicon, CHOSEN.words.scan);
  const wordCorpus = buildCorpusWith(source.normalised, (normalised) => lexiconFeatures(compiled, normalised));
  return { ...trainOn(wordCorpus, gold, training, CHOSEN.words.minDf), grams: wordCorpus.grams, maxFeatures: options.maxWordFeatures, weight: CHOSEN.words.weight, lexicon, scan: CHOSEN.words.scan };
}

function trainChosen(corpus: Corpus, wordSource: WordSource | undefined, gold: readonly number[], training: readonly number[], options: Options, probabilityScale: number, provenance: Record<string, unknown>): CategoryModelFile {
  const { model, vocabulary } = trainOn(corpus, gold, training, CHOSEN.minDf);
  const words = wordSource && trainWords(wordSource, gold, training, options);
  return compactModel(model, vocabulary, corpus.grams, {
    ...(words ? { words } : {}),
    labels: CATEGORY_LABELS,
    features: CHOSEN.features,
    maxFeatures: options.maxFeatures,
    probabilityScale,
    description: DESCRIPTION,
    training: provenance,
  });
}

export async function trainCategory(argv: string[]): Promise<number> {
  const options = readOptions(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n`);
    return 2;
  }
  const started = performance.now();
  let rows;
  try {
    rows = readLabelledFile(options.data, 'label', CATEGORY_LABELS);
  } catch (error) {
    if (error instanceof EvalInputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const texts = rows.map((r) => r.text);
  const gold = rows.map((r) => r.gold);
  const scarce = CATEGORY_LABELS.filter((_, c) => gold.filter((g) => g === c).length < options.folds);
  if (scarce.length > 0) {
    process.stderr.write(`${options.data}: every label needs at least ${options.folds} messages for ${options.folds}-fold cross-validation; too few for ${scarce.join(', ')}\n`);
    return 2;
  }
  const fingerprint = createHash('sha256').update(readFileSync(options.data)).digest('hex');
  log(`category model: ${rows.length} messages from ${options.data}`);
  log(`sha256 ${fingerprint}; ${options.folds}-fold stratified cross-validation, seed ${options.seed}`);

  const corpus = buildCorpus(texts, CHOSEN.features);
  const normalised = texts.map(normaliseForCategory);
  const wordSource = options.maxWordFeatures > 0 ? { normalised, jieba: normalised.map(jiebaWords) } : undefined;
  const baselineCorpus = buildCorpus(texts, BASELINE.features);
  const fold = stratifiedFolds(gold, options.folds, options.seed);
  const margins: Float64Array[] = new Array<Float64Array>(rows.length);
  // Held-out messages cut short, as chat messages are: calibration must hold for them too.
  const cutMargins = SHORT_CUTS.map(() => new Array<Float64Array>(rows.length));
  const baselinePredicted = new Array<number>(rows.length);
  let featureCounts = 0;
  let wordCounts = 0;
  for (let k = 0; k < options.folds; k++) {
    const training = rows.flatMap((_, i) => (fold[i] !== k ? [i] : []));
    const held = rows.flatMap((_, i) => (fold[i] === k ? [i] : []));

    // The chosen model, scored exactly as the bot will: compacted, quantised, from the message text.
    const file = trainChosen(corpus, wordSource, gold, training, options, 1, {});
    featureCounts += file.tokens.split('\n').length;
    wordCounts += file.words ? file.words.tokens.split('\n').length : 0;
    const compiled = compileCategoryModel(file);
    for (const i of held) {
      margins[i] = scoreText(compiled, texts[i]!);
      const chars = Array.from(normaliseForCategory(texts[i]!));
      SHORT_CUTS.forEach((cut, j) => (cutMargins[j]![i] = scoreText(compiled, chars.slice(0, cut).join(''))));
    }

    const vocabulary = fitVocabulary(baselineCorpus, training, BASELINE.minDf);
    const xs = training.map((i) => vectorise(baselineCorpus.docs[i]!, vocabulary, 'raw'));
    const nb = trainMultinomialNb(xs, training.map((i) => gold[i]!), vocabulary.idf.length, CATEGORY_LABELS.length, BASELINE.alpha);
    for (const i of held) baselinePredicted[i] = argmax(scoreLinear(nb, vectorise(baselineCorpus.docs[i]!, vocabulary, 'raw')));
    process.stderr.write(`fold ${k + 1}/${options.folds} done (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }

  const chosen = evaluate(CATEGORY_LABELS, gold, margins.map(argmax));
  const baseline = evaluate(CATEGORY_LABELS, gold, baselinePredicted);
  log();
  const wordPart = options.maxWordFeatures > 0 ? ` + words × ${CHOSEN.words.weight} (≤${options.maxWordFeatures})` : '';
  log(`== chosen: NB-SVM, char 1–2-grams + lead ${CHOSEN.features.lead}, ≤${options.maxFeatures} n-grams${wordPart}, int8 (cross-validated) ==`);
  log(formatClassTable(chosen));
  log();
  log(formatConfusionMatrix(chosen));
  log(summaryLine(chosen));
  log();
  log(`== baseline: TF-IDF (char 1–2-grams, raw tf) + multinomial naive Bayes, alpha ${BASELINE.alpha} (cross-validated) ==`);
  log(formatClassTable(baseline));
  log(summaryLine(baseline));

  log();
  log('== short messages: the same held-out messages cut to their first N characters (cross-validated) ==');
  SHORT_CUTS.forEach((cut, j) => log(`first ${String(cut).padStart(3)} characters: ${summaryLine(evaluate(CATEGORY_LABELS, gold, cutMargins[j]!.map(argmax)))}`));

  // One temperature for every length: fitted on whole and cut messages together.
  const calibrationMargins = [...margins, ...cutMargins.flat()];
  const calibrationGold = [...gold, ...cutMargins.flatMap(() => gold)];
  const probabilityScale = fitProbabilityScale(calibrationMargins, calibrationGold);
  log();
  log(`== confidence: softmax of ${probabilityScale.toFixed(3)} × margin, fitted on the cross-validated margins of whole and cut messages ==`);
  log('messages              accuracy  mean confidence');
  [...SHORT_CUTS.map((cut, j) => [`first ${cut} characters`, cutMargins[j]!] as const), ['whole', margins] as const].forEach(([name, ms]) => {
    let right = 0;
    let confidence = 0;
    ms.forEach((m, i) => {
      const p = softmax(m, probabilityScale);
      const best = argmax(p);
      if (best === gold[i]) right++;
      confidence += p[best]!;
    });
    log(`${name.padEnd(20)}  ${(right / ms.length).toFixed(4).padStart(8)}  ${(confidence / ms.length).toFixed(4).padStart(15)}`);
  });
  for (const [name, ms] of [['whole messages', margins], [`messages cut to their first ${SHORT_CUTS[1]} characters`, cutMargins[1]!]] as const) {
    log();
    log(`threshold table, ${name}:`);
    log(formatThresholdTable(ms, gold, probabilityScale));
  }

  const all = rows.map((_, i) => i);
  const file = trainChosen(corpus, wordSource, gold, all, options, probabilityScale, {
    messages: rows.length,
    dataSha256: fingerprint,
    folds: options.folds,
    seed: options.seed,
    crossValidated: { accuracy: round4(chosen.accuracy), macroF1: round4(chosen.macroF1) },
    baseline: { model: 'TF-IDF + multinomial NB', accuracy: round4(baseline.accuracy), macroF1: round4(baseline.macroF1) },
  });
  const json = `${JSON.stringify(file)}\n`;
  log();
  const words = file.words ? `, ${file.words.tokens.split('\n').length} words (folds averaged ${Math.round(wordCounts / options.folds)})` : '';
  log(`final model: ${file.tokens.split('\n').length} n-grams (folds averaged ${Math.round(featureCounts / options.folds)})${words}, ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB`);
  if (options.write) {
    writeFileSync(options.out, json);
    log(`wrote ${options.out}`);
  }
  // Inference cost of the artifact as the bot runs it: text in, margins out, after a warm-up pass.
  const compiled = compileCategoryModel(file);
  for (const text of texts) scoreText(compiled, text);
  const timed = performance.now();
  for (const text of texts) predictCategory(compiled, text);
  const perMessage = ((performance.now() - timed) * 1000) / texts.length;
  log(`inference: ${perMessage.toFixed(1)} µs per message (mean over the ${texts.length} training messages, ${Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length)} characters on average, one warm-up pass first)`);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

// Run as a script (npm run train), not when imported by a test.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await trainCategory(process.argv.slice(2));
}
