import { describe, expect, it } from 'vitest';
import { findName } from './name.ts';

describe('findName', () => {
  it.each([
    ['我叫王小明', '王小明'],
    ['你好，我叫刘洋，电话13811112222', '刘洋'],
    ['叫我王先生就行', '王先生'],
    ['叫我小张吧', '小张'],
    ['我是李女士', '李女士'],
    ['我的名字是欧阳明', '欧阳明'],
    ['免贵姓赵', '赵'],
    ['王先生，13811112222', '王先生'],
    ['王先生 电话010-68881234', '王先生'],
    ['联系人：李女士', '李女士'],
    ['我是3号楼的王先生', '王先生'],
    ['我叫張偉', '张伟'],
  ])('reads the name from %s', (text, name) => {
    expect(findName(text)).toBe(name);
  });

  it('keeps only the surname for 我姓王, since the title is not known', () => {
    expect(findName('我姓王')).toBe('王');
    expect(findName('我姓王，住在3号楼')).toBe('王');
  });

  it('stops the name before the words that follow it', () => {
    expect(findName('我叫王明住在望京')).toBe('王明');
  });

  it('accepts a bare name only when the bot asked for one', () => {
    expect(findName('王先生', { expectingName: true })).toBe('王先生');
    expect(findName('王小明。', { expectingName: true })).toBe('王小明');
    expect(findName('王先生')).toBeUndefined();
  });

  it('reads a surname alone after the phone, and 女的/男的 said with the surname', () => {
    expect(findName('18600001111 王')).toBe('王');
    expect(findName('姓何 女的')).toBe('何女士');
    expect(findName('我姓张，男的')).toBe('张先生');
    expect(findName('18600001111 好')).toBeUndefined();
  });

  it('never takes someone else said by surname for the caller (姓刘的, 姓刘那家)', () => {
    expect(findName('我怀疑是村里养猪那家干的 姓刘的')).toBeUndefined();
    expect(findName('就是姓刘那家')).toBeUndefined();
  });

  it('reads 俺 (northern dialect) as 我', () => {
    expect(findName('俺姓马')).toBe('马');
    expect(findName('俺叫马德福，电话13912345678')).toBe('马德福');
  });

  it('takes a reply that is only a titled name as the name at the read-back', () => {
    expect(findName('王先生', { readingBack: true })).toBe('王先生');
    expect(findName('是李女士。', { readingBack: true })).toBe('李女士');
    expect(findName('明白', { readingBack: true })).toBeUndefined();
    expect(findName('老师', { readingBack: true })).toBeUndefined();
  });

  it('takes a titled name given right after the phone number as the caller\'s', () => {
    expect(findName('18500001111 王女士')).toBe('王女士');
    expect(findName('13612345678 张先生')).toBe('张先生');
    expect(findName('13612345678，老杨')).toBe('老杨');
  });

  it('keeps the title the citizen says with the surname', () => {
    expect(findName('姓李 李女士')).toBe('李女士');
    expect(findName('我姓王，王先生')).toBe('王先生');
    expect(findName('姓王，电话13701234567')).toBe('王');
  });

  it('reads a name stated as the form of address, as at the read-back', () => {
    expect(findName('称呼是王先生')).toBe('王先生');
    expect(findName('称呼改成李女士')).toBe('李女士');
    expect(findName('叫我王先生')).toBe('王先生');
    expect(findName('姓名：王小明')).toBe('王小明');
  });

  it.each([
    ['陈', '陈'],
    ['陈。', '陈'],
    ['姓吳', '吴'],
    ['吳先生', '吴先生'],
    ['姓歐陽', '欧阳'],
    ['老杨', '老杨'],
    ['小孟', '小孟'],
    ['赵阿姨', '赵阿姨'],
    ['我刚说了 王女士', '王女士'],
  ])('accepts %s as the answer to "怎么称呼您"', (text, name) => {
    expect(findName(text, { expectingName: true })).toBe(name);
  });

  it('does not take a bare surname unasked, or a word that happens to start with one', () => {
    expect(findName('陈')).toBeUndefined();
    expect(findName('成', { expectingName: true })).toBeUndefined();
    expect(findName('不说了 跳过', { expectingName: true })).toBeUndefined();
  });

  it('does not take other people or roles for the caller', () => {
    expect(findName('我是业主')).toBeUndefined();
    expect(findName('物业的王经理不管')).toBeUndefined();
    expect(findName('我们老百姓关心的事没人管')).toBeUndefined();
    expect(findName('我叫了物业好几次')).toBeUndefined();
    expect(findName('物业的王经理电话13811112222')).toBeUndefined();
    expect(findName('找了好几次王先生都不在')).toBeUndefined();
    expect(findName('打了12345 张经理说不归他管')).toBeUndefined();
    expect(findName('1002王女士家天天半夜吵')).toBeUndefined();
  });
});
