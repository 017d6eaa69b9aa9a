import { describe, expect, it } from 'vitest';
import { CALLBACK_OPTIONS, missingSlots, readCallbackAnswer } from './read-answer.ts';
import type { CallbackAnswers, CallbackSlot } from './read-answer.ts';

const read = (text: string, asking?: CallbackSlot): CallbackAnswers => readCallbackAnswer(text, asking).answers;

describe('readCallbackAnswer: several answers in one message', () => {
  it.each<[string, CallbackAnswers]>([
    ['挺好的，解决了', { resolved: true, satisfaction: '满意' }],
    ['根本没人来', { contacted: false, resolved: false }],
    ['联系了，但是问题还没解决，不满意', { contacted: true, resolved: false, satisfaction: '不满意' }],
    ['人来了，问题没解决，不满意', { contacted: true, resolved: false, satisfaction: '不满意' }],
    ['没人来，也没人打电话，不满意', { contacted: false, resolved: false, satisfaction: '不满意' }],
    ['师傅上门修了，现在已经正常了', { contacted: true, resolved: true }],
    ['物业的人来过两次，现在电梯正常了', { contacted: true, resolved: true }],
    ['社区书记亲自来了，问题解决了', { contacted: true, resolved: true }],
    ['问题彻底解决了，很满意', { resolved: true, satisfaction: '满意' }],
    ['环卫工人当天就把垃圾拉走了，很及时', { resolved: true, satisfaction: '满意' }],
    ['街道办打电话来问了情况，但是还没处理，一般吧', { contacted: true, resolved: false, satisfaction: '基本满意' }],
    ['情况没有任何改善，对你们很失望', { resolved: false, satisfaction: '不满意' }],
    ['非常不满意，根本没人管', { contacted: false, resolved: false, satisfaction: '不满意' }],
    ['问题解决了，但是态度很差', { resolved: true, satisfaction: '不满意' }],
    ['是，问题已解决，满意', { resolved: true, satisfaction: '满意' }],
    ['来是来了，但是没修好', { contacted: true, resolved: false }],
    ['社区来人看了一下，拍了照就走了，到现在也没处理', { contacted: true, resolved: false }],
    ['联系是联系了，但是没用', { contacted: true, resolved: false }],
    ['联系了但是没解决', { contacted: true, resolved: false }],
  ])('reads %j', (text, answers) => {
    expect(read(text)).toEqual(answers);
  });
});

describe('readCallbackAnswer: satisfaction', () => {
  it.each<[string, CallbackAnswers['satisfaction']]>([
    ['基本满意吧', '基本满意'],
    ['基本满意', '基本满意'],
    ['还算满意', '基本满意'],
    ['整体来说还算满意', '基本满意'],
    ['比较满意', '基本满意'],
    ['勉强满意吧', '基本满意'],
    ['还行', '基本满意'],
    ['还行吧', '基本满意'],
    ['凑合', '基本满意'],
    ['一般般', '基本满意'],
    ['一般吧', '基本满意'],
    ['还可以吧，就是太慢了', '基本满意'],
    ['不太满意', '不满意'],
    ['很不满意', '不满意'],
    ['不满意', '不满意'],
    ['不满意！', '不满意'],
    ['不怎么满意', '不满意'],
    ['谈不上满意', '不满意'],
    ['有点不满意', '不满意'],
    ['对处理结果不太满意', '不满意'],
    ['太差了', '不满意'],
    ['差评', '不满意'],
    ['敷衍了事', '不满意'],
    ['非常满意，谢谢你们', '满意'],
    ['满意', '满意'],
    ['很满意👍', '满意'],
    ['[强]满意', '满意'],
    ['处理结果满意', '满意'],
    ['满意，非常满意', '满意'],
    ['说实话挺满意的', '满意'],
    ['给你们点赞', '满意'],
    ['还不错', '满意'],
  ])('reads %j as %s', (text, satisfaction) => {
    expect(read(text).satisfaction).toBe(satisfaction);
  });

  it('keeps 基本满意 when kind words come along', () => {
    expect(read('基本满意，工作人员挺好的').satisfaction).toBe('基本满意');
  });
});

describe('readCallbackAnswer: contacted', () => {
  it.each([
    '打过电话了',
    '来人看过了',
    '工作人员上门了',
    '他们给我打电话了，说明天来修',
    '物业联系我了，说会尽快处理',
    '接到街道的电话了',
    '街道的人来现场看过了，说会协调',
    '没多久就来人了',
    '师傅来修过了',
    '聯繫過了',
  ])('reads %j as contacted', (text) => {
    expect(read(text).contacted).toBe(true);
  });

  it.each([
    '没人联系我',
    '没接到电话',
    '一直没人管',
    '还没有人联系过我',
    '连个电话都没有',
    '从来没有人联系过',
    '没有联系',
    '至今没收到任何通知',
    '石沉大海',
  ])('reads %j as not contacted', (text) => {
    expect(read(text).contacted).toBe(false);
  });

  it('reads 没人管 as neither contacted nor resolved', () => {
    expect(read('一直没人管')).toEqual({ contacted: false, resolved: false });
    expect(read('反映了好几次了，还是没人管')).toEqual({ contacted: false, resolved: false });
  });

  it.each(['我给12345打过电话', '我已经联系过他们了', '我自己联系的物业', '联系了好几次都没人接'])(
    'does not take the citizen calling for the unit calling: %j',
    (text) => {
      expect(read(text).contacted).toBeUndefined();
    },
  );
});

describe('readCallbackAnswer: resolved', () => {
  it.each([
    '修好了',
    '已经处理好了',
    '垃圾清走了',
    '现在好了',
    '早就修好了',
    '事情已经办好了',
    '路灯亮了',
    '垃圾已经清理干净了',
    '不吵了',
    '没有再漏水了',
    '没想到这么快就解决了，非常感谢',
    '不到一天就修好了',
    '已經處理完畢，謝謝',
    'ＯＫ，已解决',
  ])('reads %j as resolved', (text) => {
    expect(read(text).resolved).toBe(true);
  });

  it.each([
    '还是老样子',
    '没解决',
    '问题依旧',
    '还没修',
    '没有任何变化',
    '没有解决',
    '还没有彻底解决',
    '问题没有得到解决',
    '噪音还是很大，一点变化都没有',
    '还在漏水',
    '又开始吵了',
    '一点用都没有',
    '不了了之了',
    '他们来了三次都没修好',
    '不是没人管，是管不了',
    '還沒解決',
    '修好了，但是没两天又坏了',
    '物业说修好了，我看还是坏的',
    '他们说已经修好了，其实根本没修',
  ])('reads %j as not resolved', (text) => {
    expect(read(text).resolved).toBe(false);
  });

  it('lets a later "but" settle two readings that disagree', () => {
    expect(read('之前没人管，后来来人修好了')).toEqual({ contacted: true, resolved: true });
    expect(read('一开始没人理，后来街道的人上门处理了')).toEqual({ contacted: true, resolved: true });
  });
});

describe('readCallbackAnswer: taps and one-word replies', () => {
  it.each<[string, CallbackSlot, CallbackAnswers]>([
    ['是', 'contacted', { contacted: true }],
    ['有', 'contacted', { contacted: true }],
    ['1', 'contacted', { contacted: true }],
    ['１', 'contacted', { contacted: true }],
    ['没有', 'contacted', { contacted: false }],
    ['否', 'contacted', { contacted: false }],
    ['2', 'contacted', { contacted: false }],
    ['第二个', 'contacted', { contacted: false }],
    ['来过了', 'contacted', { contacted: true }],
    ['没来', 'contacted', { contacted: false }],
    ['好的，是的', 'contacted', { contacted: true }],
    ['嗯嗯', 'resolved', { resolved: true }],
    ['好了', 'resolved', { resolved: true }],
    ['第一个', 'resolved', { resolved: true }],
    ['还没呢', 'resolved', { resolved: false }],
    ['1，谢谢', 'resolved', { resolved: true }],
    ['3', 'satisfaction', { satisfaction: '不满意' }],
    ['2', 'satisfaction', { satisfaction: '基本满意' }],
    ['2号', 'satisfaction', { satisfaction: '基本满意' }],
    ['选3', 'satisfaction', { satisfaction: '不满意' }],
    ['③', 'satisfaction', { satisfaction: '不满意' }],
    ['是', 'satisfaction', { satisfaction: '满意' }],
  ])('reads %j to the %s question', (text, asking, answers) => {
    expect(read(text, asking)).toEqual(answers);
  });

  it.each<[string, CallbackSlot | undefined]>([
    ['是', undefined],
    ['1', undefined],
    ['嗯', undefined],
    ['没有', undefined],
    ['3', 'contacted'],
    ['4', 'satisfaction'],
    ['好的', 'contacted'],
    ['谢谢', 'resolved'],
    ['不是，我说的是另一件事', 'contacted'],
  ])('reads %j (asking %s) as nothing', (text, asking) => {
    expect(read(text, asking)).toEqual({});
  });

  it('lets words win over a bare 嗯 or 是 in the same message', () => {
    expect(read('嗯，还没解决', 'resolved')).toEqual({ resolved: false });
    expect(read('是的，但是没解决', 'resolved')).toEqual({ resolved: false });
    expect(read('是的，但是没解决', 'contacted')).toEqual({ contacted: true, resolved: false });
  });

  it('reads every option label, whatever was asked', () => {
    for (const slot of ['contacted', 'resolved', 'satisfaction'] as const) {
      for (const option of CALLBACK_OPTIONS[slot]) {
        const expected = slot === 'satisfaction' ? option.value : option.value === 'yes';
        expect(read(option.label)[slot]).toBe(expected);
        expect(read(option.label, 'contacted')[slot]).toBe(expected);
      }
    }
  });
});

describe('readCallbackAnswer: leaves doubtful slots unread', () => {
  it.each([
    '我还想反映另一个问题，小区路灯坏了',
    '希望尽快解决',
    '什么时候能解决啊',
    '解决了吗',
    '解决了没有啊',
    '有没有人联系过我我也不清楚',
    '修没修好我也不知道',
    '应该是修好了吧',
    '好像修好了',
    '基本解决了',
    '暂时修好了',
    '解决了一部分，还有一些没弄',
    '对结果满意，对速度不满意',
    '没有不满意',
    '没什么不满意的',
    '不是没解决',
    '说是来过了，我怎么不知道',
    '路灯坏了两个月了',
    '小区门口又有人摆摊了',
    '一般来说晚上比较吵',
    '满意度一般',
    '谢谢你们，辛苦了',
    '',
  ])('reads %j as nothing', (text) => {
    expect(read(text)).toEqual({});
  });

  it('takes what the unit claimed for hearsay, not for an answer', () => {
    expect(read('他们打电话来说已经修好了')).toEqual({ contacted: true });
  });

  it('takes a request for a call for a request, not for an answer', () => {
    expect(read('打电话给我吧')).toEqual({});
    expect(read('来人啊')).toEqual({});
  });

  it('hears sarcasm', () => {
    expect(read('处理了个寂寞')).toEqual({ resolved: false });
    expect(read('满意个屁')).toEqual({ satisfaction: '不满意' });
  });

  it('does not take kind words about the staff for satisfaction when the problem is still there', () => {
    expect(read('工作人员态度很好，但是问题没有解决')).toEqual({ resolved: false });
  });

  it('does not read 没有不满意 as 满意 or 不满意', () => {
    expect(read('没有不满意').satisfaction).toBeUndefined();
  });
});

describe('readCallbackAnswer: traditional characters and full-width forms', () => {
  it.each<[string, CallbackAnswers]>([
    ['解決了，滿意', { resolved: true, satisfaction: '满意' }],
    ['已經修復了，非常滿意', { resolved: true, satisfaction: '满意' }],
    ['態度很差，問題依舊', { resolved: false, satisfaction: '不满意' }],
    ['聯繫過了，處理得還行', { contacted: true, satisfaction: '基本满意' }],
  ])('reads %j', (text, answers) => {
    expect(read(text)).toEqual(answers);
  });
});

describe('readCallbackAnswer: comment', () => {
  it.each<[string, CallbackSlot | undefined]>([
    ['是', 'contacted'],
    ['2', 'satisfaction'],
    ['满意', undefined],
    ['不满意！', 'satisfaction'],
    ['没有联系', 'contacted'],
    ['好的，是的', 'contacted'],
    ['谢谢', undefined],
    ['  ', undefined],
  ])('has none for the bare reply %j', (text, asking) => {
    expect(readCallbackAnswer(text, asking).comment).toBeUndefined();
  });

  it.each<[string, CallbackSlot | undefined]>([
    ['挺好的，解决了', undefined],
    ['非常满意，谢谢你们', 'satisfaction'],
    ['是的，但是没解决', 'contacted'],
    ['我还想反映另一个问题，小区路灯坏了', 'resolved'],
  ])('keeps the message %j as it was written', (text, asking) => {
    expect(readCallbackAnswer(text, asking).comment).toBe(text);
  });

  it('trims the comment', () => {
    expect(readCallbackAnswer('  修是修了，还是漏  ', 'resolved').comment).toBe('修是修了，还是漏');
  });
});

describe('missingSlots', () => {
  it('lists what is still to ask, in the order of the callback', () => {
    expect(missingSlots({})).toEqual(['contacted', 'resolved', 'satisfaction']);
    expect(missingSlots({ satisfaction: '满意' })).toEqual(['contacted', 'resolved']);
    expect(missingSlots({ contacted: false, resolved: false })).toEqual(['satisfaction']);
    expect(missingSlots({ contacted: true, resolved: true, satisfaction: '基本满意' })).toEqual([]);
  });
});
