import { describe, expect, it } from 'vitest';
import { EvalInputError, parseLabelledLines } from './labelled-file.ts';

const LABELS = ['投诉', '咨询'];
const parse = (content: string) => parseLabelledLines(content, 'type', LABELS, 'kinds.jsonl');
const problem = (content: string) => {
  try {
    parse(content);
  } catch (error) {
    expect(error).toBeInstanceOf(EvalInputError);
    return (error as Error).message;
  }
  throw new Error('expected an EvalInputError');
};

describe('parseLabelledLines', () => {
  it('reads text and label with their line numbers, skipping blank lines and a BOM', () => {
    const rows = parse('\uFEFF{"text":"楼下太吵","type":"投诉"}\r\n\n{"text":"社保怎么办","type":"咨询","extra":1}\n');
    expect(rows).toEqual([
      { line: 1, text: '楼下太吵', gold: 0 },
      { line: 3, text: '社保怎么办', gold: 1 },
    ]);
  });

  it('names the line that is not JSON', () => {
    expect(problem('{"text":"a","type":"投诉"}\n{"text": "b", type: 投诉}\n')).toMatch(/line 2: not valid JSON/);
  });

  it('lists the lines of each unknown label and the labels allowed', () => {
    const message = problem(['{"text":"a","type":"投诉"}', '{"text":"b","type":"吐槽"}', '{"text":"c","type":"投诉"}', '{"text":"d","type":"吐槽"}'].join('\n'));
    expect(message).toContain('unknown type "吐槽" on lines 2, 4');
    expect(message).toContain('must be one of: 投诉, 咨询');
  });

  it('asks for a text and a label on every line', () => {
    expect(problem('{"type":"投诉"}')).toContain('line 1: "text" must be a non-empty string');
    expect(problem('{"text":"a","label":"投诉"}')).toContain('line 1: "type" must be a string');
    expect(problem('["a","投诉"]')).toContain('line 1: expected an object');
  });

  it('refuses an empty file', () => {
    expect(problem('')).toContain('no lines to evaluate');
    expect(problem('\n  \n')).toContain('no lines to evaluate');
  });
});
