import { describe, expect, it } from 'vitest';
import { detectEmergency } from './emergency.ts';
import { emergencyText } from './emergency.copy.ts';

const numbers = (text: string) => detectEmergency(text)?.call.map((c) => c.number);

describe('detectEmergency', () => {
  it.each([
    ['三楼着火了，楼道里全是烟', 'fire'],
    ['厨房燃气味特别大', 'gas'],
    ['有个男的拿着刀在小区里追人', 'violence'],
    ['我爸在卫生间晕倒了，叫不醒', 'medical'],
    ['电梯停在半空，里面关着两个人', 'trapped'],
    ['孩子放学到现在还没回家，电话也打不通', 'missing'],
    ['楼下自来水管爆了，水哗哗往外冒', 'flood'],
    ['大风把电线刮断了，掉在人行道上', 'electric'],
  ])('hears danger now in %s', (text, kind) => {
    expect(detectEmergency(text)?.kind).toBe(kind);
  });

  it('sends a fire to 119 and tells the citizen to leave by the stairs', () => {
    const e = detectEmergency('对面楼冒黑烟了');
    expect(e?.call).toEqual([{ number: '119', name: '消防救援' }]);
    expect(e?.advice).toContain('不要乘电梯');
  });

  it('tells a cook to cover a burning pan, never to pour water on it', () => {
    expect(detectEmergency('油锅着火了！')?.advice).toContain('不要用水浇');
  });

  it('sends a gas smell to the gas company, and to 119 as well when it is strong', () => {
    expect(numbers('厨房有点煤气味，是不是漏气了')).toEqual(['96777']);
    expect(numbers('整个楼道都是天然气味，呛得不行')).toEqual(['96777', '119']);
    expect(detectEmergency('闻到燃气味')?.advice).toMatch(/不要开关电灯.*打开门窗/);
  });

  it('treats carbon monoxide poisoning as a medical emergency', () => {
    const e = detectEmergency('家里有人煤气中毒了');
    expect(e?.kind).toBe('medical');
    expect(e?.advice).toContain('通风');
  });

  it('adds the numbers of a second danger in the same message', () => {
    expect(numbers('楼下有人打架，有人流了好多血')).toEqual(['110', '120']);
  });

  it('sends a burst water pipe to the water company and says to close the valve', () => {
    const e = detectEmergency('家里水管爆了，水往屋里灌');
    expect(e?.call[0]).toEqual({ number: '96116', name: '北京自来水集团' });
    expect(e?.advice).toContain('总阀');
  });

  it('tells the family of a missing person not to wait 24 hours', () => {
    expect(detectEmergency('我妈走失了，七十多岁')?.advice).toContain('不用等满24小时');
  });

  it('keeps people away from a live wire and calls the power company', () => {
    expect(numbers('高压线断了掉在路上')).toEqual(['95598', '110']);
  });

  it('reads traditional characters', () => {
    expect(detectEmergency('樓下著火了，濃煙很大')?.kind).toBe('fire');
    expect(detectEmergency('天然氣洩漏了')?.kind).toBe('gas');
  });

  it.each([
    '燃气费太贵了',
    '消防通道被堵了，车停得满满的',
    '上周我们楼着过火，楼道到现在还是黑的',
    '暖气不热冻得慌',
    '电梯经常坏',
    '燃气表的读数不对，多扣了钱',
    '如果着火了往哪里跑',
    '楼下饭店油烟太大了',
    '前天晚上楼下有人打架，吵到半夜',
    '上次电梯困人的事物业到现在也没个说法',
    '感谢消防员，上次我家着火来得特别快',
    '我家猫走丢了三天了',
    '老人经常走丢，能不能办个防走失手环',
    '楼上天天打架子鼓',
    '燃气灶打不着火了',
    '你们打我电话吧',
    '飞线充电早晚得着火',
    '外卖电动车骑得飞快，差点撞到我',
    '楼上漏水，我家墙都发霉了',
    '轮胎漏气了',
    '我的个人信息泄露了',
  ])('does not raise an alarm for %s', (text) => {
    expect(detectEmergency(text)).toBeUndefined();
  });
});

describe('emergencyText', () => {
  it('puts whom to call first, then what to do, then the offer to record a case', () => {
    const e = detectEmergency('楼道里电动车烧起来了');
    expect(e).toBeDefined();
    const text = emergencyText(e!);
    expect(text.startsWith('这可能有危险，请立即拨打 119（消防救援）。')).toBe(true);
    expect(text).toContain(e!.advice);
    expect(text.endsWith('我可以帮您登记反映问题。')).toBe(true);
  });
});
