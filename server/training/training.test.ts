import { describe, expect, it } from 'vitest';
import { compileCategoryModel, predictCategory, scoreText } from '../../flows/domain/classify/category-model.ts';
import { argmax, fitProbabilityScale, logLoss } from './calibrate.ts';
import { compactModel } from './compact.ts';
import { buildCorpus, fitVocabulary, vectorise } from './corpus.ts';
import { FIXTURE_MESSAGES } from './fixtures.ts';
import { stratifiedFolds } from './folds.ts';
import { trainMultinomialNb } from './naive-bayes.ts';
import { scoreLinear, trainNbsvm } from './nbsvm.ts';

const LABELS = [...new Set(FIXTURE_MESSAGES.map((m) => m.label))];
const texts = FIXTURE_MESSAGES.map((m) => m.text);
const gold = FIXTURE_MESSAGES.map((m) => LABELS.indexOf(m.label));
const features = { maxN: 2, lead: 10 };
const options = { alpha: 0.1, counts: 'tfidf', balanced: true, lambda: 1e-3, epochs: 20, seed: 1 } as const;


describe('stratifiedFolds', () => {
  const labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2];

  it('puts each class into every fold in the same proportion', () => {
    const fold = stratifiedFolds(labels, 3, 42);
    for (let k = 0; k < 3; k++) {
      const members = labels.filter((_, i) => fold[i] === k);
      expect([0, 1, 2].map((c) => members.filter((l) => l === c).length)).toEqual([2, 1, 3]);
    }
  });

  it('gives the same split for the same seed and another for another seed', () => {
    expect(stratifiedFolds(labels, 3, 42)).toEqual(stratifiedFolds(labels, 3, 42));
    expect(stratifiedFolds(labels, 3, 42)).not.toEqual(stratifiedFolds(labels, 3, 7));
  });
});

describe('NB-SVM training', () => {
  const corpus = buildCorpus(texts, features);
  const all = texts.map((_, i) => i);
  const vocabulary = fitVocabulary(corpus, all, 1);
  const xs = all.map((i) => vectorise(corpus.docs[i]!, vocabulary, 'sublinear'));
  const model = trainNbsvm(xs, gold, vocabulary.idf.length, LABELS.length, options);

  it('fits the messages it was trained on', () => {
    const right = xs.filter((x, i) => argmax(scoreLinear(model, x)) === gold[i]).length;
    expect(right).toBe(xs.length);
  });

  it('is deterministic', () => {
    const again = trainNbsvm(xs, gold, vocabulary.idf.length, LABELS.length, options);
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));
  });

  it('generalises to new wording of the same problems', () => {
    const file = compactModel(model, vocabulary, corpus.grams, { labels: LABELS, features, maxFeatures: 100_000, probabilityScale: 1, description: 'test', training: {} });
    const compiled = compileCategoryModel(file);
    expect(predictCategory(compiled, '老板拖欠工资不给，社保也没交').label).toBe('劳动和社会保障');
    expect(predictCategory(compiled, '出租车绕路，司机多收车费').label).toBe('交通运输');
    expect(predictCategory(compiled, '工厂排放废气污染严重').label).toBe('环境保护');
  });

  it('keeps the predictions of the full model after pruning and quantising', () => {
    const file = compactModel(model, vocabulary, corpus.grams, { labels: LABELS, features, maxFeatures: 100_000, probabilityScale: 1, description: 'test', training: {} });
    const compiled = compileCategoryModel(file);
    texts.forEach((text, i) => expect(argmax(scoreText(compiled, text))).toBe(argmax(scoreLinear(model, xs[i]!))));
    const pruned = compactModel(model, vocabulary, corpus.grams, { labels: LABELS, features, maxFeatures: 50, probabilityScale: 1, description: 'test', training: {} });
    expect(pruned.tokens.split('\n')).toHaveLength(50);
  });

  it('writes only n-grams, no message', () => {
    const file = compactModel(model, vocabulary, corpus.grams, { labels: LABELS, features, maxFeatures: 100_000, probabilityScale: 1, description: 'test', training: {} });
    const serialised = JSON.stringify(file);
    for (const text of texts) expect(serialised).not.toContain(text.slice(0, 6));
  });
});

describe('the naive Bayes baseline', () => {
  it('classifies the messages it was trained on', () => {
    const corpus = buildCorpus(texts, { maxN: 2, lead: 0 });
    const all = texts.map((_, i) => i);
    const vocabulary = fitVocabulary(corpus, all, 1);
    const xs = all.map((i) => vectorise(corpus.docs[i]!, vocabulary, 'raw'));
    const nb = trainMultinomialNb(xs, gold, vocabulary.idf.length, LABELS.length, 0.01);
    const right = xs.filter((x, i) => argmax(scoreLinear(nb, x)) === gold[i]).length;
    expect(right).toBeGreaterThanOrEqual(xs.length - 1);
  });
});

describe('fitProbabilityScale', () => {
  it('finds the temperature with the lowest log loss', () => {
    const margins = [
      [1, -1],
      [0.5, -0.5],
      [-0.2, 0.2],
      [0.3, -0.3],
      [-1, 1],
      [0.8, -0.8],
    ];
    const y = [0, 0, 0, 1, 1, 0];
    const a = fitProbabilityScale(margins, y);
    expect(a).toBeGreaterThan(0);
    expect(logLoss(margins, y, a)).toBeLessThanOrEqual(logLoss(margins, y, a * 1.05));
    expect(logLoss(margins, y, a)).toBeLessThanOrEqual(logLoss(margins, y, a / 1.05));
  });
});
