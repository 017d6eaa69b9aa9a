import { describe, expect, it } from 'vitest';
import { displayWidth, evaluate, formatEvaluation, summaryLine } from './metrics.ts';

describe('evaluate', () => {
  // gold A A A B B C, predicted A A B B C C
  //   A: 2 right of 2 predicted, 3 true → P 1,   R 2/3, F1 0.8
  //   B: 1 right of 2 predicted, 2 true → P 1/2, R 1/2, F1 0.5
  //   C: 1 right of 2 predicted, 1 true → P 1/2, R 1,   F1 2/3
  //   accuracy 4/6, macro-F1 (0.8 + 0.5 + 2/3) / 3 = 0.65556
  const e = evaluate(['A', 'B', 'C'], [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]);

  it('computes precision, recall and F1 per class', () => {
    expect(e.perClass.map((m) => [m.label, m.precision, m.recall, m.f1, m.support])).toEqual([
      ['A', 1, 2 / 3, 0.8, 3],
      ['B', 0.5, 0.5, 0.5, 2],
      ['C', 0.5, 1, expect.closeTo(2 / 3, 12), 1],
    ]);
  });

  it('computes accuracy, macro-F1 and the confusion matrix', () => {
    expect(e.accuracy).toBeCloseTo(4 / 6, 12);
    expect(e.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    expect(e.matrix).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('ends the report with the summary line, four decimals', () => {
    expect(summaryLine(e)).toBe('accuracy=0.6667 macroF1=0.6556 n=6');
    expect(formatEvaluation(e, 'title').split('\n').at(-1)).toBe('accuracy=0.6667 macroF1=0.6556 n=6');
  });

  it('counts a missing prediction as wrong, in its own column', () => {
    const u = evaluate(['投诉', '咨询'], [0, 1, 1], [0, undefined, 1], '未判定');
    expect(u.matrix).toEqual([
      [1, 0, 0],
      [0, 1, 1],
    ]);
    expect(u.perClass[1]).toMatchObject({ precision: 1, recall: 0.5 });
    expect(u.accuracy).toBeCloseTo(2 / 3, 12);
    expect(u.macroF1).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(formatEvaluation(u)).toContain('未判定');
  });

  it('leaves out of the macro average a label nobody wrote and nothing predicted', () => {
    const s = evaluate(['A', 'B', 'C'], [0, 1], [0, 1]);
    expect(s.macroF1).toBe(1);
    expect(s.perClass[2]).toMatchObject({ support: 0, predicted: 0, f1: 0 });
  });
});

describe('displayWidth', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('城乡建设')).toBe(8);
    expect(displayWidth('macro avg')).toBe(9);
    expect(displayWidth('A市，')).toBe(5);
  });
});
