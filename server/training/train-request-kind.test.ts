import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import shipped from '../../flows/domain/understand/request-kind-ngrams.json' with { type: 'json' };
import { guessRequestKind } from '../../flows/domain/understand/request-kind-model.ts';
import { cjkLength, classifyRequestKind, classifyRequestKindByRules, LONG_MESSAGE } from '../../flows/domain/understand/request-type.ts';
import type { RequestKind } from '../../flows/domain/understand/request-type.ts';
import { trainRequestKindModel } from './train-request-kind.ts';

const dev = readFileSync(new URL('../../test/fixtures/request-kinds.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { text: string; type: RequestKind });

describe('the request-kind n-gram model', () => {
  it('is the one trained on the development file (retrain after changing it)', () => {
    expect(trainRequestKindModel(dev)).toEqual(shipped);
  });

  it('holds n-gram counts, never a whole sentence', () => {
    const grams = Object.keys(shipped.counts);
    expect(Math.max(...grams.map((g) => g.length))).toBeLessThanOrEqual(shipped.maxN);
  });

  it('guesses a kind with a probability', () => {
    const guess = guessRequestKind('楼下饭馆的油烟熏得我们家没法开窗');
    expect(guess?.kind).toBe('投诉');
    expect(guess?.probability).toBeGreaterThan(0.5);
  });

  it('only breaks ties: a confident rule stands, and the model never makes an answer confident', () => {
    // Chat sentences: from LONG_MESSAGE characters on, the long-message model decides instead.
    for (const { text } of dev.filter((l) => cjkLength(l.text) < LONG_MESSAGE)) {
      const rules = classifyRequestKindByRules(text);
      const both = classifyRequestKind(text);
      if (rules?.confident) expect(both).toEqual(rules);
      else expect(both?.confident ?? false).toBe(false);
    }
  });

  it('leaves short messages (a place, a greeting) to the rules', () => {
    expect(classifyRequestKind('朝阳区望京街道')).toBeUndefined();
  });
});
