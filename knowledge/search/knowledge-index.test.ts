import { describe, expect, it } from 'vitest';
import { checkEntries } from '../ingest/check-entries.ts';
import type { KnowledgeEntry } from '../ingest/entry.ts';
import { entryMarkdown, FIXTURES, type FixtureFields } from '../test-support/fixture-entries.ts';
import { createKnowledgeIndex } from './knowledge-index.ts';

const NOW = new Date('2026-11-23T08:00:00Z');

function load(fixtures: FixtureFields[]): KnowledgeEntry[] {
  const check = checkEntries(fixtures.map((f) => ({ file: `${f.id}.md`, content: entryMarkdown(f) })), NOW);
  expect(check.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return check.entries;
}

const index = createKnowledgeIndex(load(FIXTURES), { now: NOW });
// Ranking is tested apart from abstention: seven fixtures are too few for the threshold tuned on the base.
const best = (query: string) => index.search(query, { limit: 3, minConfidence: 0 })[0]?.entry.id;

describe('createKnowledgeIndex', () => {
  it('finds the entry a citizen means when asked in their own words', () => {
    expect(best('我的社保卡丢了，要怎么补？')).toBe('social-security-card-replace');
    expect(best('孩子刚出生怎么上户口')).toBe('newborn-hukou');
    expect(best('晚上工地施工吵得睡不着')).toBe('construction-noise-hours');
  });

  it('treats synonyms as the same thing (社会保障卡/社保卡, 暖气/供暖, 住房公积金/公积金, 医疗保险/医保)', () => {
    expect(best('社会保障卡丢失')).toBe('social-security-card-replace');
    expect(best('暖气什么时候来')).toBe('heating-season-dates');
    expect(best('住房公积金能交房租吗')).toBe('housing-fund-rent');
    expect(best('医保在外地能用吗')).toBe('medical-insurance-out-of-town');
    expect(best('户籍怎么给新生儿登记')).toBe('newborn-hukou');
  });

  it('folds traditional characters', () => {
    expect(best('社保卡丟了怎麼辦')).toBe('social-security-card-replace');
  });

  it('matches a two-character query and a typo through character bigrams', () => {
    expect(best('供暖')).toBe('heating-season-dates');
    expect(best('身份正过期了怎么换')).toBe('id-card-renew');
  });

  it('ranks by question and title above a passing mention in an answer', () => {
    // 身份证 is named in the newborn answer, but the id-card entry is asked about it.
    expect(best('身份证')).toBe('id-card-renew');
  });

  it('answers an ordinary question above the threshold, with a confidence between 0 and 1', () => {
    expect(index.search('社保卡丢了要怎么补办')[0]?.entry.id).toBe('social-security-card-replace');
  });

  it('gives the highest confidence to an exact question', () => {
    const [hit] = index.search('北京几号来暖气');
    expect(hit?.entry.id).toBe('heating-season-dates');
    expect(hit!.confidence).toBeGreaterThan(0.9);
    expect(hit!.confidence).toBeLessThanOrEqual(1);
  });

  it('abstains on questions outside the base', () => {
    expect(index.search('帮我查一下彩票号码')).toEqual([]);
    expect(index.search('帮我写作文')).toEqual([]);
    expect(index.search('推荐一部好看的电影')).toEqual([]);
    expect(index.search('？？？')).toEqual([]);
  });

  it('returns the ranking anyway when asked to with minConfidence 0', () => {
    expect(index.search('彩票号码', { minConfidence: 0 }).every((h) => h.confidence < 0.5)).toBe(true);
  });

  it('never indexes an expired entry', () => {
    const entries = load([{ ...FIXTURES[1]!, effectiveTo: '2025-03-15' }, FIXTURES[0]!]);
    const withExpired = createKnowledgeIndex(entries, { now: NOW });
    expect(withExpired.size).toBe(1);
    expect(withExpired.search('北京几号来暖气')).toEqual([]);
  });

  it('respects the limit and orders by score', () => {
    const hits = index.search('补办', { limit: 2, minConfidence: 0 });
    expect(hits.length).toBeLessThanOrEqual(2);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('answers the same query the same way every time', () => {
    expect(index.search('公积金付房租')).toEqual(index.search('公积金付房租'));
  });
});
