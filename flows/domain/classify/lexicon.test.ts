import { describe, expect, it, vi } from 'vitest';
import { extractWordFeatures } from './features.ts';
import { compileLexicon, isLexiconWord, lexiconFeatures, LexiconError, WORD_JOINER, type ScanOptions } from './lexicon.ts';

// The scan is the whole point of the lexicon: the classifier must never need jieba.
vi.mock('../understand/jieba.ts', () => ({
  loadJieba: () => {
    throw new Error('the category lexicon loaded jieba');
  },
}));

const ALL: ScanOptions = { subwords: 'all', minSubword: 1 };
const WITHIN: ScanOptions = { subwords: 'within', minSubword: 2 };
const WORDS = ['公积', '公积金', '积金', '金', '提取', '怎么', '么', '的'];

const features = (text: string, options: ScanOptions) => Object.fromEntries(lexiconFeatures(compileLexicon(WORDS, options), text));
const pair = (a: string, b: string) => `${a}${WORD_JOINER}${b}`;

describe('lexiconFeatures', () => {
  it('reports every lexicon word occurring in the text, and pairs of the forward-maximum-matching segmentation', () => {
    // segmentation: 公积金 | 怎么 | 提取
    expect(features('公积金怎么提取', ALL)).toEqual({
      公积: 1,
      公积金: 1,
      积金: 1,
      金: 1,
      怎么: 1,
      么: 1,
      提取: 1,
      [pair('公积金', '怎么')]: 1,
      [pair('怎么', '提取')]: 1,
    });
  });

  it('reports only the subwords inside a segment, of at least minSubword characters, in "within" mode', () => {
    expect(features('公积金怎么提取', WITHIN)).toEqual({
      公积: 1,
      公积金: 1,
      积金: 1,
      怎么: 1,
      提取: 1,
      [pair('公积金', '怎么')]: 1,
      [pair('怎么', '提取')]: 1,
    });
    // a one-character segment is still a word
    expect(features('金的金', WITHIN)).toEqual({ 金: 2, 的: 1, [pair('金', '的')]: 1, [pair('的', '金')]: 1 });
  });

  it('ends a pair at a character that starts no lexicon word (punctuation, unknown characters)', () => {
    expect(features('提取,怎么', ALL)).toEqual({ 提取: 1, 怎么: 1, 么: 1 });
    expect(features('提取x怎么', ALL)).toEqual({ 提取: 1, 怎么: 1, 么: 1 });
    expect(features('', ALL)).toEqual({});
  });

  it('handles characters outside the Basic Multilingual Plane', () => {
    const lexicon = compileLexicon(['𠮷野', '野家'], ALL);
    expect(Object.fromEntries(lexiconFeatures(lexicon, '𠮷野家𠮷野'))).toEqual({ 𠮷野: 2, 野家: 1 });
    expect(Object.fromEntries(lexiconFeatures(lexicon, '𠮷野𠮷野'))).toEqual({ 𠮷野: 2, [pair('𠮷野', '𠮷野')]: 1 });
  });

  it('reads the same normalised text as the n-gram features', () => {
    const lexicon = compileLexicon(['路灯', 'Ｘ区', 'Ｘ'], ALL);
    expect(extractWordFeatures('Ａ3区的路灯', lexicon)).toEqual(extractWordFeatures('海淀区的路灯', lexicon));
    expect(extractWordFeatures('Ａ3区的路灯', lexicon).get('路灯')).toBe(1);
  });

  it('rejects punctuation and repeated words', () => {
    expect(isLexiconWord('公积金')).toBe(true);
    expect(isLexiconWord('3.5')).toBe(false);
    expect(isLexiconWord('')).toBe(false);
    expect(() => compileLexicon(['公积', '，'], ALL)).toThrow(LexiconError);
    expect(() => compileLexicon(['公积', '公积'], ALL)).toThrow(LexiconError);
  });
});
