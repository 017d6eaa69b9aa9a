import { describe, expect, it } from 'vitest';
import { findConfidential } from './confidential.ts';

describe('findConfidential', () => {
  it.each(['请帮我保密', '别让物业知道是我反映的', '不要透露我的信息', '我想匿名反映', '别告诉别人我的电话', '保密', '请勿透露我的信息', '不希望房东知道是我说的', '我怕被打击报复', '個人資訊請保密'])(
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
});
