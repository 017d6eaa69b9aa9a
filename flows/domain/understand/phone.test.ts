import { describe, expect, it } from 'vitest';
import { findPhone, locatePhoneIn, normalisePhone } from './phone.ts';

describe('findPhone', () => {
  it.each([
    ['13811112222', '13811112222'],
    ['138-1111-2222', '13811112222'],
    ['138 1111 2222', '13811112222'],
    ['+86 138 1111 2222', '13811112222'],
    ['+86-13811112222', '13811112222'],
    ['138.1111.2222', '13811112222'],
    ['我的手機號碼是13811112222', '13811112222'],
    ['13811112222（微信同号）', '13811112222'],
    ['１３８１１１１２２２２', '13811112222'],
  ])('finds the mobile number in %s', (text, phone) => {
    expect(findPhone(text)).toEqual({ phone });
  });

  it.each([
    ['010-68881234', '010-68881234'],
    ['01068881234', '010-68881234'],
    ['(010)68881234', '010-68881234'],
    ['（010）6888-1234', '010-68881234'],
    ['68881234', '010-68881234'],
    ['6888 1234', '010-68881234'],
    ['022-23456789', '022-23456789'],
    ['0311-8765432', '0311-8765432'],
    ['电话：010 6888 1234', '010-68881234'],
    ['联系电话6888-1234', '010-68881234'],
    ['010－68881234', '010-68881234'],
  ])('finds the landline in %s', (text, phone) => {
    expect(findPhone(text)).toEqual({ phone });
  });

  it.each([
    ['电话幺三八 一二三四 五六七八', '13812345678'],
    ['我手机是一八六二二三三四四五五', '18622334455'],
    ['座机零一零 六八八八 一二三四', '010-68881234'],
  ])('reads a number spelled in characters: %s', (text, phone) => {
    expect(findPhone(text)).toEqual({ phone });
  });

  it('reads a number followed by a surname that is also a unit (13911119999 周先生)', () => {
    expect(findPhone('13911119999 周先生')).toEqual({ phone: '13911119999' });
    expect(findPhone('电话13911119999万女士')).toEqual({ phone: '13911119999' });
    expect(findPhone('等了3周了')).toEqual({});
  });

  it('leaves short runs of numerals alone', () => {
    expect(findPhone('三四五六楼都漏水')).toEqual({});
  });

  it('finds the phone inside a sentence', () => {
    expect(findPhone('我的电话是139 0000 1234，白天都能打通')).toEqual({ phone: '13900001234' });
  });

  it('does not take a building or room number for a phone', () => {
    expect(findPhone('3号楼')).toEqual({});
    expect(findPhone('住在5号楼2单元502室')).toEqual({});
    expect(findPhone('3号楼', { expectingPhone: true })).toEqual({});
  });

  it('does not take the hotline for a phone', () => {
    expect(findPhone('打了好几次12345热线都没用')).toEqual({});
    expect(findPhone('12345热线', { expectingPhone: true })).toEqual({});
    expect(findPhone('我之前打过12345')).toEqual({});
  });

  it('does not take dates, money or ages for a phone', () => {
    expect(findPhone('从2024年3月15日开始停水')).toEqual({});
    expect(findPhone('20240315那天')).toEqual({});
    expect(findPhone('多收了1500元')).toEqual({});
    expect(findPhone('老人今年86岁', { expectingPhone: true })).toEqual({});
  });

  it('reports 12345 as an invalid phone when the bot asked for a phone', () => {
    expect(findPhone('12345', { expectingPhone: true })).toEqual({ invalid: '12345' });
  });

  it('reports a mobile number with a digit missing as invalid', () => {
    expect(findPhone('1381111222')).toEqual({ invalid: '1381111222' });
    expect(findPhone('电话138111122223')).toEqual({ invalid: '138111122223' });
  });

  it('reports a labelled number that is not a phone as invalid', () => {
    expect(findPhone('手机号是123456')).toEqual({ invalid: '123456' });
  });

  it('prefers a valid number to a stray one next to it', () => {
    expect(findPhone('502 13811112222', { expectingPhone: true })).toEqual({ phone: '13811112222' });
  });
});

describe('normalisePhone', () => {
  it('normalises mobiles and landlines', () => {
    expect(normalisePhone('+86 138-1111-2222')).toBe('13811112222');
    expect(normalisePhone('0086 13811112222')).toBe('13811112222');
    expect(normalisePhone('6888 1234')).toBe('010-68881234');
    expect(normalisePhone('0755 12345678')).toBeUndefined();
    expect(normalisePhone('0755 82345678')).toBe('0755-82345678');
  });

  it('rejects what is not a phone number', () => {
    expect(normalisePhone('12345')).toBeUndefined();
    expect(normalisePhone('12811112222')).toBeUndefined();
    expect(normalisePhone('20240315')).toBeUndefined();
  });
});

describe('findPhone, with dots between groups', () => {
  it('does not join a decimal into a phone number', () => {
    expect(findPhone('水费涨了0.5元，电话13811112222')).toEqual({ phone: '13811112222' });
    expect(findPhone('一共12.5吨水')).toEqual({});
  });
});

describe('locatePhoneIn, the words that introduce the number', () => {
  it.each([
    ['给物业打电话也没人管 我电话13911234567', '我电话13911234567'],
    ['我的手机号是13811112222', '我的手机号是13811112222'],
    ['有事打我电话13811112222', '有事打我电话13811112222'],
    ['联系方式:13811112222', '联系方式:13811112222'],
  ])('covers the lead-in in %s', (text, span) => {
    const found = locatePhoneIn(text);
    expect(found && text.slice(found.labelStart, found.end)).toBe(span);
  });

  it('leaves the words of the account alone', () => {
    const text = '给物业打电话13800000000也没人接';
    const found = locatePhoneIn(text);
    expect(found && text.slice(found.labelStart, found.end)).toBe('电话13800000000');
  });
});
