import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CategoryModelFile } from '../classify/category-model.ts';
import { guessLongMessageKind, LONG_MODEL_URL } from './request-kind-long-model.ts';
import { classifyRequestKind, LONG_MESSAGE, LONG_MESSAGE_SURE, cjkLength, REQUEST_KINDS } from './request-type.ts';

// Team-written letters, the way people write to a message board: long, polite, the request at the end.
const LETTERS: Array<{ text: string; kind: (typeof REQUEST_KINDS)[number] }> = [
  {
    kind: '投诉',
    text: '尊敬的领导您好，我是幸福里小区的业主，我们小区物业公司自从去年接手以来，楼道灯坏了半年没人修，垃圾经常堆在单元门口好几天不清运，夏天臭气熏天，业主多次找物业反映，物业总是推脱说没有人手，可物业费一分钱没少收。希望相关部门督促物业公司尽快整改，还我们一个干净的居住环境。',
  },
  {
    kind: '咨询',
    text: '您好，我想咨询一下关于灵活就业人员缴纳养老保险的问题。我今年四十五岁，之前在单位交了八年社保，去年单位倒闭后一直打零工，请问我现在以灵活就业人员身份接着交，以前交的年限能不能合并计算？每个月最低要交多少钱，到哪里去办理，需要带哪些材料？谢谢。',
  },
  {
    kind: '举报',
    text: '我要实名举报某村村主任利用职务之便，把村里的集体土地私自租给外地老板建厂，租金去向不明，村民从来没有见过账目。去年上面拨下来的修路款也被他挪用，路到现在都没修。他还把自己的亲戚报成低保户。恳请纪检部门彻查此事，给村民一个交代。',
  },
  {
    kind: '建议',
    text: '各位领导好，我是一名经常坐公交上下班的市民。现在早高峰时段从新区开往老城区的公交车班次太少，车厢里非常拥挤，很多人只能改打车。建议公交公司在早晚高峰增开几班区间车，同时在主要站点增设实时到站显示屏，方便大家合理安排出行时间，也能缓解道路拥堵。',
  },
  {
    kind: '求助',
    text: '领导您好，我家住在山区农村，丈夫前年因病去世，我一个人带着两个上学的孩子，还要照顾瘫痪在床的婆婆，家里没有任何收入来源，房子也漏雨。我去村里申请低保，村里说名额满了。现在孩子的学费都交不起，实在走投无路，恳请政府帮帮我们这个家，给我们一条活路。',
  },
];

describe('the long-message kind model', () => {
  it('is a linear model over short n-grams: weights only, never a sentence', () => {
    const file = JSON.parse(readFileSync(LONG_MODEL_URL, 'utf8')) as CategoryModelFile;
    expect(file.labels).toEqual([...REQUEST_KINDS]);
    expect(Math.max(...file.tokens.split('\n').map((t) => Array.from(t).length))).toBeLessThanOrEqual(2);
  });

  it.each(LETTERS)('reads a long letter as $kind', ({ text, kind }) => {
    expect(cjkLength(text)).toBeGreaterThanOrEqual(LONG_MESSAGE);
    expect(guessLongMessageKind(text).kind).toBe(kind);
  });

  it('decides long messages; confident only when it is sure', () => {
    for (const { text } of LETTERS) {
      const guess = guessLongMessageKind(text);
      const finding = classifyRequestKind(text);
      expect(finding).toEqual({ kind: guess.kind, confident: guess.probability >= LONG_MESSAGE_SURE, rule: 'long-message', cue: '' });
    }
  });

  it('leaves chat sentences to the rules', () => {
    expect(classifyRequestKind('我要投诉楼下饭馆油烟太大')?.rule).toBe('explicit');
    expect(classifyRequestKind('请问居住证怎么办理')?.rule).not.toBe('long-message');
  });
});
