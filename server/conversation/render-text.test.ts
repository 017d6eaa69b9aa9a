import { describe, expect, it } from 'vitest';
import { maskPhoneNumbers, renderText, renderTurn } from './render-text.ts';

describe('plain-text rendering', () => {
  it('numbers the options under the text', () => {
    const text = renderText({ kind: 'question', slot: 'type', text: '请问这件事属于哪一类？', options: [{ label: '投诉', value: '投诉' }, { label: '求助', value: '求助' }] });
    expect(text).toBe('请问这件事属于哪一类？\n1. 投诉\n2. 求助\n（回复数字或文字都可以）');
  });

  it('joins the replies of one turn into one message', () => {
    expect(renderTurn([{ kind: 'text', text: '好的。' }, { kind: 'question', text: '请留个电话。' }])).toBe('好的。\n\n请留个电话。');
  });

  it('hides the middle of mobile and landline numbers', () => {
    expect(maskPhoneNumbers('电话：13811112222，座机010-68881234')).toBe('电话：138****2222，座机010-****1234');
    expect(maskPhoneNumbers('工单号：J26112300001')).toBe('工单号：J26112300001');
  });
});
