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

  it('does not take other people or roles for the caller', () => {
    expect(findName('我是业主')).toBeUndefined();
    expect(findName('物业的王经理不管')).toBeUndefined();
    expect(findName('我们老百姓关心的事没人管')).toBeUndefined();
    expect(findName('我叫了物业好几次')).toBeUndefined();
    expect(findName('物业的王经理电话13811112222')).toBeUndefined();
    expect(findName('找了好几次王先生都不在')).toBeUndefined();
  });
});
