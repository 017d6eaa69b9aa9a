import { describe, expect, it } from 'vitest';
import { findConfidential, locateConfidentialIn } from './confidential.ts';

describe('findConfidential', () => {
  it.each(['请帮我保密', '别让物业知道是我反映的', '不要透露我的信息', '我想匿名反映', '别告诉别人我的电话', '保密', '请勿透露我的信息', '不希望房东知道是我说的', '我怕被打击报复', '個人資訊請保密', '別讓酒吧知道是我反映的', '怕被報復', '此事请为我保密'])(
    'hears a request for confidentiality in %s',
    (text) => {
      expect(findConfidential(text)).toBe(true);
    },
  );

  it.each(['不用保密', '不需要保密', '无所谓，公开也行'])('hears that confidentiality is not needed in %s', (text) => {
    expect(findConfidential(text)).toBe(false);
  });

  it('reads a bare yes or no when the bot asked about confidentiality', () => {
    expect(findConfidential('是', { expectingConfidential: true })).toBe(true);
    expect(findConfidential('需要', { expectingConfidential: true })).toBe(true);
    expect(findConfidential('要的', { expectingConfidential: true })).toBe(true);
    expect(findConfidential('不用', { expectingConfidential: true })).toBe(false);
    expect(findConfidential('不需要', { expectingConfidential: true })).toBe(false);
    expect(findConfidential('否', { expectingConfidential: true })).toBe(false);
    expect(findConfidential('不', { expectingConfidential: true })).toBe(false);
  });

  it('says nothing when the message does not touch on it', () => {
    expect(findConfidential('楼下的垃圾没人清理')).toBeUndefined();
    expect(findConfidential('是', {})).toBeUndefined();
    expect(findConfidential('别人都知道这事')).toBeUndefined();
    expect(findConfidential('不要紧，我知道了')).toBeUndefined();
  });

  it.each([
    ['交了物业费啥也不干 别让物业知道是我反映的', '别让物业知道是我反映的'],
    ['希望有关部门管管，别让物业知道是我反映的，他们会刁难。', '别让物业知道是我反映的，他们会刁难'],
    ['怕房东报复，请帮我保密，楼里群租', '怕房东报复，请帮我保密'],
    ['不希望房东知道是我说的', '不希望房东知道是我说的'],
    ['请不要透露我的个人信息，谢谢', '请不要透露我的个人信息'],
  ])('covers the whole wish in %s, with its reason, so it can be cut out', (text, phrase) => {
    const found = locateConfidentialIn(text);
    expect(found && text.slice(found.start, found.end)).toBe(phrase);
  });
});
