/**
 * Experiment (not shipped): sub-class ("multi-prototype") NB-SVMs for the category model, and a
 * learning curve of the shipped configuration.
 *
 * Each first-level label's training messages (training folds only) are split into sub-classes, by
 * spherical k-means over their tf-idf vectors or by the category tree's level-2 keywords; the shipped
 * pair of NB-SVMs is trained one-vs-rest over the sub-classes, written as an int8 artifact whose
 * "labels" are the sub-classes, scored by `scoreText` exactly as the bot scores it, and a label's margin
 * is the max (or log-sum-exp) of its sub-classes' margins. `--sub none` is the shipped model.
 *
 *   npx tsx server/training/experiments/subclass.ts --seeds 42,7,123 [--folds 5] [--sub none|kmeans|tax]
 *     [--k 3 | --k size:400] [--cluster-on char|word] [--siblings neg|excl|nbexcl] [--balance sub|label]
 *     [--min-size 30] [--words 1|0] [--curve 0.4,0.6,0.8,0.9 --reps 3]
 *
 * Vocabulary, idf, lexicon, NB ratios and clusters are fitted on the training messages only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORY_LABELS, compileCategoryModel, scoreText, type CategoryModelFile } from '../../../flows/domain/classify/category-model.ts';
import { normaliseForCategory } from '../../../flows/domain/classify/features.ts';
import { compileLexicon, lexiconFeatures } from '../../../flows/domain/classify/lexicon.ts';
import { parseArgs, stringFlag } from '../../cli/args.ts';
import { evaluate } from '../../eval/metrics.ts';
import { readLabelledFile } from '../../eval/labelled-file.ts';
import { argmax } from '../calibrate.ts';
import { compactModel } from '../compact.ts';
import { buildCorpus, buildCorpusWith, fitVocabulary, vectorise, type Corpus, type SparseVector, type Vocabulary } from '../corpus.ts';
import { createRandom, shuffleInPlace, stratifiedFolds } from '../folds.ts';
import { chooseLexicon, jiebaWords } from '../lexicon.ts';
import { trainHingeSgd } from '../linear-svm.ts';
import { logCountRatio, type LinearModel } from '../nbsvm.ts';
import { CHOSEN } from '../train-category.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/gov-messages/category-train.jsonl', import.meta.url));
const CATEGORIES = fileURLToPath(new URL('../../../flows/domain/categories/categories.json', import.meta.url));
const MAX_FEATURES = 50_000;
const MAX_WORD_FEATURES = 30_000;

interface Settings {
  sub: 'none' | 'kmeans' | 'tax';
  /** sub-classes per label: a fixed number, or one per `size` training messages */
  k: { fixed: number } | { size: number };
  clusterOn: 'char' | 'word';
  /** other sub-classes of the same label: negatives, excluded from ratios and SVM, or excluded from the ratios only */
  siblings: 'neg' | 'excl' | 'nbexcl';
  /** balancing weight of the positives: by the sub-class's size or by its label's */
  balance: 'sub' | 'label';
  minSize: number;
  words: boolean;
  /** the word model's λ and NB smoothing (the character model keeps CHOSEN's) */
  wordLambda: number;
  wordAlpha: number;
  /** also train the plain 7-label model and add its margins to the aggregated sub-class margins */
  ensemble: boolean;
  /** ramp loss: after `rampWarmup` epochs, examples with y × margin < −ramp no longer move the weights (0: plain hinge) */
  ramp: number;
  rampWarmup: number;
  /** added to CHOSEN's SGD seed (a control for the ensemble: the same model, another shuffle) */
  seedOffset: number;
}

interface Prepared {
  texts: string[];
  gold: number[];
  corpus: Corpus;
  normalised: string[];
  jieba: string[][];
}

/** NB-SVM one-vs-rest over sub-classes `y`, whose labels are `parent[y]`. */
function trainSubNbsvm(xs: readonly SparseVector[], y: readonly number[], parent: readonly number[], featureCount: number, settings: Settings, overrides: { alpha?: number; lambda?: number } = {}): LinearModel {
  const { epochs } = CHOSEN.nbsvm;
  const seed = CHOSEN.nbsvm.seed + settings.seedOffset;
  const alpha = overrides.alpha ?? CHOSEN.nbsvm.alpha;
  const lambda = overrides.lambda ?? CHOSEN.nbsvm.lambda;
  const k = parent.length;
  const weights = new Float64Array(featureCount * k);
  const bias = new Float64Array(k);
  const labelSize = new Map<number, number>();
  for (const s of y) labelSize.set(parent[s]!, (labelSize.get(parent[s]!) ?? 0) + 1);
  for (let c = 0; c < k; c++) {
    const sibling = (i: number) => y[i] !== c && parent[y[i]!] === parent[c];
    const p = new Float64Array(featureCount).fill(alpha);
    const q = new Float64Array(featureCount).fill(alpha);
    for (let i = 0; i < xs.length; i++) {
      if (settings.siblings !== 'neg' && sibling(i)) continue;
      const side = y[i] === c ? p : q;
      const x = xs[i]!;
      for (let j = 0; j < x.ids.length; j++) side[x.ids[j]!]! += x.values[j]!;
    }
    const r = logCountRatio(p, q);
    const used = xs.flatMap((_, i) => (settings.siblings === 'excl' && sibling(i) ? [] : [i]));
    const n = used.length;
    const positives = used.filter((i) => y[i] === c).length;
    const balanceSize = settings.balance === 'label' ? labelSize.get(parent[c]!)! : positives;
    const positiveWeight = n / (2 * balanceSize);
    const negativeWeight = n / (2 * (n - positives));
    const ramp = settings.ramp > 0 ? { cut: settings.ramp, warmup: settings.rampWarmup } : undefined;
    const model = trainHingeSgd(
      used.map((i) => xs[i]!),
      Int8Array.from(used, (i) => (y[i] === c ? 1 : -1)),
      Float64Array.from(used, (i) => (y[i] === c ? positiveWeight : negativeWeight)),
      featureCount,
      { lambda, epochs, seed: seed + c, ...(ramp ? { ramp } : {}) },
      r,
    );
    for (let f = 0; f < featureCount; f++) weights[f * k + c] = model.w[f]! * r[f]!;
    bias[c] = model.b;
  }
  return { weights, bias, labelCount: k };
}

/** Spherical k-means (k-means++ start, fixed seed); clusters smaller than `minSize` are dissolved. */
function sphericalKmeans(xs: readonly SparseVector[], featureCount: number, k: number, minSize: number, seed: number): number[] {
  const n = xs.length;
  if (k <= 1 || n < 2 * minSize) return new Array<number>(n).fill(0);
  const random = createRandom(seed);
  const dot = (x: SparseVector, centre: Float64Array) => {
    let s = 0;
    for (let j = 0; j < x.ids.length; j++) s += centre[x.ids[j]!]! * x.values[j]!;
    return s;
  };
  const centreOf = (x: SparseVector) => {
    const centre = new Float64Array(featureCount);
    for (let j = 0; j < x.ids.length; j++) centre[x.ids[j]!] = x.values[j]!;
    return centre;
  };
  let centres = [centreOf(xs[Math.floor(random() * n)]!)];
  const best = new Float64Array(n).fill(-Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1]!;
    let total = 0;
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      best[i] = Math.max(best[i]!, dot(xs[i]!, last));
      d[i] = Math.max(0, 1 - best[i]!);
      total += d[i]!;
    }
    let pick = random() * total;
    let chosen = n - 1;
    for (let i = 0; i < n; i++) if ((pick -= d[i]!) <= 0) { chosen = i; break; }
    centres.push(centreOf(xs[chosen]!));
  }
  let assign = new Array<number>(n).fill(0);
  for (let iteration = 0; iteration < 25; iteration++) {
    const next = xs.map((x) => {
      let top = 0;
      let topScore = -Infinity;
      centres.forEach((centre, c) => {
        const s = dot(x, centre);
        if (s > topScore) [top, topScore] = [c, s];
      });
      return top;
    });
    const sizes = new Array<number>(centres.length).fill(0);
    for (const a of next) sizes[a]!++;
    const keep = sizes.map((size) => size >= minSize);
    const changed = next.some((a, i) => a !== assign[i]);
    assign = next;
    if (keep.some((x) => !x)) {
      centres = centres.filter((_, c) => keep[c]);
      if (centres.length <= 1) return new Array<number>(n).fill(0);
      continue;
    }
    const fresh = centres.map(() => new Float64Array(featureCount));
    xs.forEach((x, i) => {
      const centre = fresh[assign[i]!]!;
      for (let j = 0; j < x.ids.length; j++) centre[x.ids[j]!]! += x.values[j]!;
    });
    for (const centre of fresh) {
      let norm = 0;
      for (const v of centre) norm += v * v;
      norm = Math.sqrt(norm) || 1;
      for (let f = 0; f < featureCount; f++) centre[f]! /= norm;
    }
    centres = fresh;
    if (!changed && iteration > 0) break;
  }
  return assign;
}

/** Level-2 nodes of the tree per classifier label, each with its own and its descendants' keywords. */
function taxonomyKeywords(): Map<number, Array<{ id: string; keys: string[][] }>> {
  const file = JSON.parse(readFileSync(CATEGORIES, 'utf8')) as { classifierLabels: Record<string, string>; nodes: Array<{ id: string; name: string; keywords?: string[] }> };
  const byLabel = new Map<number, Array<{ id: string; keys: string[][] }>>();
  CATEGORY_LABELS.forEach((label, c) => {
    const code = file.classifierLabels[label]!;
    const level2 = file.nodes.filter((node) => node.id.startsWith(`${code}.`) && node.id.split('.').length === 2);
    byLabel.set(
      c,
      level2.map((node) => {
        const under = file.nodes.filter((m) => m.id === node.id || m.id.startsWith(`${node.id}.`));
        const words = new Set<string>();
        for (const m of under) {
          for (const keyword of m.keywords ?? []) words.add(keyword);
          if (m.name !== '其他' && m.name.length >= 2) words.add(m.name);
        }
        return { id: node.id, keys: [...words].map((w) => w.split('+').map(normaliseForCategory)) };
      }),
    );
  });
  return byLabel;
}

function taxonomySub(normalised: string, nodes: Array<{ keys: string[][] }>): number {
  let top = -1;
  let topHits = 0;
  nodes.forEach((node, j) => {
    const hits = node.keys.filter((parts) => parts.every((part) => normalised.includes(part))).length;
    if (hits > topHits) [top, topHits] = [j, hits];
  });
  return top;
}

interface Part {
  vocabulary: Vocabulary;
  xs: SparseVector[];
  grams: readonly string[];
}

function charPart(prep: Prepared, training: readonly number[]): Part {
  const vocabulary = fitVocabulary(prep.corpus, training, CHOSEN.minDf);
  return { vocabulary, grams: prep.corpus.grams, xs: training.map((i) => vectorise(prep.corpus.docs[i]!, vocabulary, 'sublinear')) };
}

function wordPart(prep: Prepared, training: readonly number[]) {
  const lexicon = chooseLexicon(prep.jieba, training, CHOSEN.words.lexiconMinDf, CHOSEN.words.maxLexicon);
  const compiled = compileLexicon(lexicon, CHOSEN.words.scan);
  const corpus = buildCorpusWith(prep.normalised, (text) => lexiconFeatures(compiled, text));
  const vocabulary = fitVocabulary(corpus, training, CHOSEN.words.minDf);
  return { lexicon, part: { vocabulary, grams: corpus.grams, xs: training.map((i) => vectorise(corpus.docs[i]!, vocabulary, 'sublinear')) } };
}

/** Sub-class per training message and each sub-class's label. */
function subClasses(prep: Prepared, training: readonly number[], chars: Part, words: Part | undefined, settings: Settings, taxonomy: ReturnType<typeof taxonomyKeywords>) {
  const sub = new Array<number>(training.length);
  const parent: number[] = [];
  for (let c = 0; c < CATEGORY_LABELS.length; c++) {
    const members = training.flatMap((i, t) => (prep.gold[i] === c ? [t] : []));
    let local: number[];
    if (settings.sub === 'none') local = members.map(() => 0);
    else if (settings.sub === 'kmeans') {
      const k = 'fixed' in settings.k ? settings.k.fixed : Math.max(1, Math.round(members.length / settings.k.size));
      const source = settings.clusterOn === 'word' && words ? words : chars;
      local = sphericalKmeans(members.map((t) => source.xs[t]!), source.vocabulary.idf.length, k, settings.minSize, 1000 + c);
    } else {
      const nodes = taxonomy.get(c)!;
      const raw = members.map((t) => taxonomySub(prep.normalised[training[t]!]!, nodes));
      const sizes = new Map<number, number>();
      for (const r of raw) sizes.set(r, (sizes.get(r) ?? 0) + 1);
      // small nodes join the unmatched "rest"
      const big = [...sizes].filter(([r, size]) => r >= 0 && size >= settings.minSize).map(([r]) => r).sort((a, b) => a - b);
      local = raw.map((r) => (big.includes(r) ? big.indexOf(r) + 1 : 0));
      if (!local.includes(0)) local = local.map((l) => l - 1);
    }
    const distinct = [...new Set(local)].sort((a, b) => a - b);
    const offset = parent.length;
    for (let j = 0; j < distinct.length; j++) parent.push(c);
    members.forEach((t, m) => (sub[t] = offset + distinct.indexOf(local[m]!)));
  }
  return { sub, parent };
}

function trainFile(prep: Prepared, training: readonly number[], settings: Settings, taxonomy: ReturnType<typeof taxonomyKeywords>) {
  const chars = charPart(prep, training);
  const words = settings.words ? wordPart(prep, training) : undefined;
  const { sub, parent } = subClasses(prep, training, chars, words?.part, settings, taxonomy);
  const charModel = trainSubNbsvm(chars.xs, sub, parent, chars.vocabulary.idf.length, settings);
  const wordModel = words && trainSubNbsvm(words.part.xs, sub, parent, words.part.vocabulary.idf.length, settings, { alpha: settings.wordAlpha, lambda: settings.wordLambda });
  const names = parent.map((c, s) => `${CATEGORY_LABELS[c]}#${s}`);
  const file: CategoryModelFile = compactModel(charModel, chars.vocabulary, chars.grams, {
    ...(words && wordModel
      ? { words: { model: wordModel, vocabulary: words.part.vocabulary, grams: words.part.grams, maxFeatures: MAX_WORD_FEATURES, weight: CHOSEN.words.weight, lexicon: words.lexicon, scan: CHOSEN.words.scan } }
      : {}),
    labels: names,
    features: CHOSEN.features,
    maxFeatures: MAX_FEATURES,
    probabilityScale: 1,
    description: 'experiment',
    training: {},
  });
  return { file, parent };
}

const AGGREGATES: Array<[string, (m: number[]) => number]> = [
  ['max', (m) => Math.max(...m)],
  ['lse0.5', (m) => lse(m, 0.5)],
  ['lse1', (m) => lse(m, 1)],
  ['lse2', (m) => lse(m, 2)],
  ['lse4', (m) => lse(m, 4)],
];

function lse(m: number[], t: number): number {
  const top = Math.max(...m);
  return top + t * Math.log(m.reduce((a, v) => a + Math.exp((v - top) / t), 0));
}

function aggregate(margins: Float64Array, parent: readonly number[], f: (m: number[]) => number): number[] {
  return CATEGORY_LABELS.map((_, c) => f(parent.flatMap((p, s) => (p === c ? [margins[s]!] : []))));
}

/** Cross-validated macro-F1 per aggregation. */
function crossValidate(prep: Prepared, settings: Settings, folds: number, seed: number, taxonomy: ReturnType<typeof taxonomyKeywords>) {
  const fold = stratifiedFolds(prep.gold, folds, seed);
  const predicted = AGGREGATES.map(() => new Array<number>(prep.texts.length));
  const subCounts: number[] = [];
  for (let k = 0; k < folds; k++) {
    const training = prep.texts.flatMap((_, i) => (fold[i] !== k ? [i] : []));
    const { file, parent } = trainFile(prep, training, settings, taxonomy);
    subCounts.push(parent.length);
    const compiled = compileCategoryModel(file);
    const plain = settings.ensemble ? compileCategoryModel(trainFile(prep, training, { ...settings, sub: 'none', seedOffset: 0 }, taxonomy).file) : undefined;
    prep.texts.forEach((text, i) => {
      if (fold[i] !== k) return;
      const margins = scoreText(compiled, text);
      const extra = plain ? scoreText(plain, text) : new Float64Array(CATEGORY_LABELS.length);
      AGGREGATES.forEach(([, f], a) => (predicted[a]![i] = argmax(aggregate(margins, parent, f).map((m, c) => m + extra[c]!))));
    });
  }
  return { subCounts, f1: AGGREGATES.map(([name], a) => [name, evaluate(CATEGORY_LABELS, prep.gold, predicted[a]!).macroF1] as const) };
}

/**
 * Test-time augmentation of the plain model: the margins of the whole message plus β × the margins of
 * its first N characters (the model is trained on whole messages, as shipped).
 */
function crossValidateCuts(prep: Prepared, settings: Settings, folds: number, seed: number, taxonomy: ReturnType<typeof taxonomyKeywords>) {
  const fold = stratifiedFolds(prep.gold, folds, seed);
  const variants: Array<[number, number]> = [[0, 0], ...[40, 80, 160].flatMap((cut) => [0.25, 0.5, 1].map((beta): [number, number] => [cut, beta]))];
  const predicted = variants.map(() => new Array<number>(prep.texts.length));
  for (let k = 0; k < folds; k++) {
    const training = prep.texts.flatMap((_, i) => (fold[i] !== k ? [i] : []));
    const compiled = compileCategoryModel(trainFile(prep, training, { ...settings, sub: 'none' }, taxonomy).file);
    prep.texts.forEach((text, i) => {
      if (fold[i] !== k) return;
      const whole = scoreText(compiled, text);
      const chars = Array.from(prep.normalised[i]!);
      const cuts = new Map([40, 80, 160].map((cut) => [cut, scoreText(compiled, chars.slice(0, cut).join(''))]));
      variants.forEach(([cut, beta], v) => {
        const extra = cut > 0 ? cuts.get(cut)! : undefined;
        predicted[v]![i] = argmax(Array.from(whole, (m, c) => m + (extra ? beta * extra[c]! : 0)));
      });
    });
  }
  return variants.map(([cut, beta], v) => `${cut}×${beta} ${evaluate(CATEGORY_LABELS, prep.gold, predicted[v]!).macroF1.toFixed(4)}`).join('  ');
}

/** Train on a stratified fraction, score the rest. */
function heldOutSplit(prep: Prepared, settings: Settings, fraction: number, seed: number, taxonomy: ReturnType<typeof taxonomyKeywords>): number {
  const random = createRandom(seed);
  const training: number[] = [];
  for (let c = 0; c < CATEGORY_LABELS.length; c++) {
    const members = shuffleInPlace(prep.gold.flatMap((g, i) => (g === c ? [i] : [])), random);
    training.push(...members.slice(0, Math.round(members.length * fraction)));
  }
  training.sort((a, b) => a - b);
  const inTraining = new Set(training);
  const held = prep.texts.flatMap((_, i) => (inTraining.has(i) ? [] : [i]));
  const { file, parent } = trainFile(prep, training, settings, taxonomy);
  const compiled = compileCategoryModel(file);
  const predicted = held.map((i) => argmax(aggregate(scoreText(compiled, prep.texts[i]!), parent, AGGREGATES[0]![1])));
  return evaluate(CATEGORY_LABELS, held.map((i) => prep.gold[i]!), predicted).macroF1;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const kFlag = stringFlag(args, 'k') ?? '3';
  const settings: Settings = {
    sub: (stringFlag(args, 'sub') ?? 'none') as Settings['sub'],
    k: kFlag.startsWith('size:') ? { size: Number(kFlag.slice(5)) } : { fixed: Number(kFlag) },
    clusterOn: (stringFlag(args, 'cluster-on') ?? 'char') as Settings['clusterOn'],
    siblings: (stringFlag(args, 'siblings') ?? 'neg') as Settings['siblings'],
    balance: (stringFlag(args, 'balance') ?? 'sub') as Settings['balance'],
    minSize: Number(stringFlag(args, 'min-size') ?? '30'),
    words: (stringFlag(args, 'words') ?? '1') !== '0',
    wordLambda: Number(stringFlag(args, 'word-lambda') ?? String(CHOSEN.nbsvm.lambda)),
    wordAlpha: Number(stringFlag(args, 'word-alpha') ?? String(CHOSEN.nbsvm.alpha)),
    ensemble: args.flags['ensemble'] === true,
    ramp: Number(stringFlag(args, 'ramp') ?? '0'),
    rampWarmup: Number(stringFlag(args, 'ramp-warmup') ?? '3'),
    seedOffset: Number(stringFlag(args, 'seed-offset') ?? '0'),
  };
  const seeds = (stringFlag(args, 'seeds') ?? '42').split(',').map(Number);
  const folds = Number(stringFlag(args, 'folds') ?? '5');
  const started = performance.now();
  const rows = readLabelledFile(stringFlag(args, 'data') ?? DATA, 'label', CATEGORY_LABELS);
  const texts = rows.map((r) => r.text);
  const normalised = texts.map(normaliseForCategory);
  const prep: Prepared = {
    texts,
    gold: rows.map((r) => r.gold),
    corpus: buildCorpus(texts, CHOSEN.features),
    normalised,
    jieba: settings.words ? normalised.map(jiebaWords) : [],
  };
  const taxonomy = taxonomyKeywords();
  process.stdout.write(`settings ${JSON.stringify(settings)}\n`);
  const curve = stringFlag(args, 'curve');
  if (curve !== undefined) {
    const reps = Number(stringFlag(args, 'reps') ?? '3');
    for (const fraction of curve.split(',').map(Number)) {
      const scores = seeds.flatMap((seed) => Array.from({ length: reps }, (_, r) => heldOutSplit(prep, settings, fraction, seed * 100 + r, taxonomy)));
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, scores.length - 1));
      process.stdout.write(`curve fraction ${fraction} n=${Math.round(fraction * texts.length)}: mean ${mean.toFixed(4)} sd ${sd.toFixed(4)} [${scores.map((s) => s.toFixed(4)).join(' ')}] (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    return;
  }
  if (args.flags['cuts'] === true) {
    for (const seed of seeds) process.stdout.write(`seed ${seed} cuts (first N chars × β added): ${crossValidateCuts(prep, settings, folds, seed, taxonomy)}\n`);
    return;
  }
  for (const seed of seeds) {
    const { subCounts, f1 } = crossValidate(prep, settings, folds, seed, taxonomy);
    process.stdout.write(`seed ${seed} folds ${folds} sub-classes ${subCounts.join('/')}: ${f1.map(([name, v]) => `${name} ${v.toFixed(4)}`).join('  ')} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
