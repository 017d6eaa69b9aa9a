import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { CATEGORY_LABELS, scoreCounts, scoreText, type CategoryModelFile } from './category-model.ts';
import { CATEGORY_CONFIDENCE_THRESHOLD, CATEGORY_MODEL_URL, classifyCategory, loadCategoryModel } from './classify-category.ts';
import { extractFeatures, extractWordFeatures, LEAD_TAG } from './features.ts';
import { WORD_JOINER } from './lexicon.ts';

// The word model reads text with its own lexicon: classifying must never load jieba (about 0.1 s and a
// native module), which stays knowledge search's.
vi.mock('../understand/jieba.ts', () => ({
  loadJieba: () => {
    throw new Error('the category classifier loaded jieba');
  },
}));

describe('classifyCategory with the committed model', () => {
  it.each([
    ['公司拖欠我们三个月工资，老板一直不给', '劳动和社会保障'],
    ['养老保险转移接续怎么办理', '劳动和社会保障'],
    ['出租车司机拒载，还故意绕路多收钱', '交通运输'],
    ['快递丢件了，快递公司不赔偿', '交通运输'],
    ['孩子明年上小学，入学报名需要哪些材料，学区怎么划分', '教育文体'],
    ['化工厂晚上偷偷排放废气，气味刺鼻，河水也被污染了', '环境保护'],
    ['医院看病排队太久，医生态度很差', '卫生计生'],
    ['开发商延期交房，房子质量问题很多', '城乡建设'],
    ['超市卖过期食品，要求工商部门查处', '商贸旅游'],
    // The government tree files buses under 城乡建设 (城市建设和市政管理 → 公共汽车), not 交通运输.
    ['312路公交车经常不按时发车，等了一个小时都没来，希望增加班次', '城乡建设'],
  ])('files %s under %s', (text, label) => {
    const prediction = classifyCategory(text);
    expect(prediction.label).toBe(label);
    expect(prediction.confidence).toBeGreaterThanOrEqual(CATEGORY_CONFIDENCE_THRESHOLD);
  });

  it('reads traditional characters, full-width digits and real district names like the training text', () => {
    expect(classifyCategory('公司拖欠工資三個月，老闆不給').label).toBe('劳动和社会保障');
    expect(classifyCategory('海淀区中关村的出租車拒載').label).toBe('交通运输');
    expect(classifyCategory('３１２路公交车不按时发车').label).toBe(classifyCategory('312路公交车不按时发车').label);
  });

  it('ranks every label with probabilities that sum to one, best first', () => {
    const prediction = classifyCategory('小区楼下饭馆油烟太大，还很吵');
    expect(prediction.ranked.map((r) => r.label).sort()).toEqual([...CATEGORY_LABELS].sort());
    expect(prediction.ranked[0]).toEqual({ label: prediction.label, score: prediction.confidence });
    const scores = prediction.ranked.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('is unsure about a message that says nothing', () => {
    for (const text of ['', '你好', '？？？']) {
      const prediction = classifyCategory(text);
      expect(prediction.confidence).toBeLessThan(CATEGORY_CONFIDENCE_THRESHOLD);
      expect(CATEGORY_LABELS).toContain(prediction.label);
    }
  });

  it('scores text on the fast path exactly as from extracted n-gram and word counts', () => {
    const model = loadCategoryModel();
    expect(model.words).toBeDefined();
    for (const text of ['出租车司机拒载，还故意绕路多收钱', '𠮷野家的外卖送错了，A3区', '  公司 拖欠\n工资  ', '公积金、社保，养老保险——怎么办？', 'xyzzy公积金qwerty', '']) {
      const fast = scoreText(model, text);
      const slow = scoreCounts(model, extractFeatures(text, model.features), extractWordFeatures(text, model.words!.lexicon));
      fast.forEach((value, c) => expect(value).toBeCloseTo(slow[c]!, 9));
    }
  });
});

describe('the committed category model file', () => {
  const file = JSON.parse(readFileSync(CATEGORY_MODEL_URL, 'utf8')) as CategoryModelFile;

  it('holds only short n-grams, words, word pairs and numbers, never message text', () => {
    const tokens = file.tokens.split('\n');
    expect(tokens.length).toBeGreaterThan(1000);
    for (const token of tokens) {
      const gram = token.startsWith(LEAD_TAG) ? token.slice(LEAD_TAG.length) : token;
      expect(Array.from(gram).length).toBeLessThanOrEqual(file.features.maxN);
    }
    const words = file.words!.tokens.split('\n');
    expect(words.length).toBeGreaterThan(1000);
    const lexicon = new Set(file.words!.lexicon!.split('\n'));
    expect(words.filter((token) => token.split(WORD_JOINER).length > 2)).toEqual([]);
    expect(words.flatMap((token) => token.split(WORD_JOINER)).filter((word) => !lexicon.has(word))).toEqual([]);
    // lexicon words are jieba's words of at least two training messages, never a sentence
    expect([...lexicon].filter((word) => Array.from(word).length > 16)).toEqual([]);
    expect(Object.keys(file.training).sort()).toEqual(['baseline', 'crossValidated', 'dataSha256', 'folds', 'messages', 'seed']);
  });

  it('is compact and lists the seven first-level labels', () => {
    expect(statSync(CATEGORY_MODEL_URL).size).toBeLessThan(3 * 1024 * 1024);
    expect(file.labels).toEqual([...CATEGORY_LABELS]);
  });
});
