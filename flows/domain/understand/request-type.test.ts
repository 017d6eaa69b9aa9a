import { describe, expect, it } from 'vitest';
import { classifyRequestKind, detectRequestKind, detectRequestType } from './request-type.ts';

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

describe('detectRequestKind', () => {
  it.each([
    ['请问新生儿上户口需要带哪些材料', '咨询'],
    ['想问下公积金贷款额度是多少', '咨询'],
    ['老年卡在哪里办？', '咨询'],
    ['请问今年几号开始供暖啊', '咨询'],
    ['外地车进京证怎么申请', '咨询'],
    ['社区能开无犯罪记录证明吗', '咨询'],
  ])('hears a question about a procedure or a rule as a consultation: %s', (text, kind) => {
    expect(detectRequestKind(text)).toBe(kind);
  });

  it.each([
    ['请问楼上装修太吵了怎么办', '投诉'],
    ['想问一下物业一直不给修电梯，这合理吗', '投诉'],
    ['请问家里停水了怎么办', '求助'],
    ['请问我爸走失了该找谁', '求助'],
  ])('does not take a question about the citizen’s own problem for a consultation: %s', (text, kind) => {
    expect(detectRequestKind(text)).toBe(kind);
  });

  it.each([
    ['希望能在地铁站出口加个雨棚', '建议'],
    ['能不能在小区门口增设一个垃圾桶', '建议'],
    ['要是晚上公园能开个灯就好了', '建议'],
    ['我觉得可以把这个路口改成环岛', '建议'],
  ])('hears a suggestion in %s', (text, kind) => {
    expect(detectRequestKind(text)).toBe(kind);
  });

  it.each([
    ['有人半夜往沟里偷倒渣土', '举报'],
    ['楼下那家小卖部无证经营卖烟给小孩', '举报'],
    ['隔壁单元有人搞群租，住了十几个人', '举报'],
    ['小區有人違規搭建', '举报'],
  ])('hears a report of someone else’s wrongdoing in %s', (text, kind) => {
    expect(detectRequestKind(text)).toBe(kind);
  });

  it.each([
    ['谢谢王师傅，暖气修好了', '表扬'],
    ['给我们街道的刘书记点赞', '表扬'],
    ['上次投诉的噪音问题已经解决了，非常满意', '表扬'],
    ['社区的网格员小李特别负责', '表扬'],
  ])('hears praise in %s, even when it mentions the old complaint', (text, kind) => {
    expect(detectRequestKind(text)).toBe(kind);
  });

  it('takes thanks followed by "but" and a grievance for a complaint', () => {
    expect(detectRequestKind('谢谢物业上次来看，但是漏水还是没人管')).toBe('投诉');
  });

  it('takes a plea for help over the grievance behind it', () => {
    expect(detectRequestKind('暖气不热，家里老人冻得受不了，求你们帮帮忙')).toBe('求助');
  });

  it('takes the kind the citizen names over the cues in the message', () => {
    expect(detectRequestKind('我要投诉，谢谢社区的人来过但没解决')).toBe('投诉');
    expect(detectRequestKind('我要举报，楼下饭馆太吵了')).toBe('举报');
  });

  it('reads traditional characters', () => {
    expect(detectRequestKind('請問辦理居住證需要什麼材料')).toBe('咨询');
    expect(detectRequestKind('樓上噪音太大了，睡不著')).toBe('投诉');
  });

  it('leaves the kind open when nothing signals one', () => {
    expect(detectRequestKind('你好')).toBeUndefined();
    expect(detectRequestKind('谢谢')).toBeUndefined();
    expect(detectRequestKind('朝阳区望京街道')).toBeUndefined();
  });

  it('guesses, without confidence, that an account of something wrong is a complaint', () => {
    expect(classifyRequestKind('小区门口的路灯坏了')).toMatchObject({ kind: '投诉', confident: false });
    expect(detectRequestType('小区门口的路灯坏了')).toBeUndefined();
  });
});

describe('classifyRequestKind', () => {
  it('says which rule decided and whether it is sure', () => {
    expect(classifyRequestKind('我要投诉物业')).toMatchObject({ kind: '投诉', rule: 'explicit', confident: true });
    expect(classifyRequestKind('居住证怎么办理')).toMatchObject({ kind: '咨询', rule: 'procedure', confident: true });
    expect(classifyRequestKind('有人偷排污水')).toMatchObject({ kind: '举报', rule: 'report', cue: '偷排' });
  });

  it('marks a guess from a weak signal as not confident, so intake still asks', () => {
    expect(classifyRequestKind('路灯坏了好几天了')).toMatchObject({ kind: '投诉', confident: false });
    expect(classifyRequestKind('这个能在网上弄吗')).toMatchObject({ kind: '咨询', confident: false });
    expect(detectRequestType('路灯坏了好几天了')).toBeUndefined();
  });

  it('reads a question about what happens if one does not pay as a consultation', () => {
    expect(classifyRequestKind('请问物业费不交会怎样？')).toMatchObject({ kind: '咨询', confident: true });
    expect(classifyRequestKind('先问一下，暖气费晚交会不会被罚？')).toMatchObject({ kind: '咨询', confident: true });
    expect(classifyRequestKind('物业不交物业费就停我家的水，太过分了')?.kind).not.toBe('咨询');
  });
});
