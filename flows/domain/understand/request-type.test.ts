import { describe, expect, it } from 'vitest';
import { detectRequestType } from './request-type.ts';

describe('detectRequestType', () => {
  it.each([
    ['我要投诉物业', '投诉'],
    ['我要举报有人在绿地里私搭乱建', '举报'],
    ['我有个建议', '建议'],
    ['我想表扬一下社区的工作人员', '表扬'],
    ['我想求助', '求助'],
  ])('takes the kind the citizen names in %s', (text, type) => {
    expect(detectRequestType(text)).toBe(type);
  });

  it('skips a kind said as "not" (不是投诉，是建议)', () => {
    expect(detectRequestType('不是投诉，是建议')).toBe('建议');
  });

  it('hears a suggestion in 希望…', () => {
    expect(detectRequestType('希望在小区门口增设一个公交站')).toBe('建议');
  });

  it('hears praise in thanks to a named worker', () => {
    expect(detectRequestType('非常感谢李师傅帮我们修好了水管')).toBe('表扬');
    expect(detectRequestType('谢谢社区的工作人员')).toBe('表扬');
  });

  it('does not take a polite thank-you at the end of a complaint for praise', () => {
    expect(detectRequestType('楼道灯坏了半个月没人修，谢谢')).toBe('投诉');
  });

  it('hears a request for help', () => {
    expect(detectRequestType('家里停水了怎么办')).toBe('求助');
    expect(detectRequestType('老人被困在电梯里了，帮帮忙')).toBe('求助');
  });

  it('hears a grievance as a complaint', () => {
    expect(detectRequestType('垃圾三天没人管')).toBe('投诉');
    expect(detectRequestType('楼下烧烤店太吵了')).toBe('投诉');
    expect(detectRequestType('停车场乱收费')).toBe('投诉');
  });

  it('leaves the kind open when nothing signals it', () => {
    expect(detectRequestType('小区门口的路灯坏了')).toBeUndefined();
    expect(detectRequestType('你好')).toBeUndefined();
    // 怎么办理 asks how to apply, which is a consultation, not a cry for help (怎么办).
    expect(detectRequestType('我想咨询一下居住证怎么办理')).toBeUndefined();
  });
});
