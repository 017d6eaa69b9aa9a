import { describe, expect, it } from 'vitest';
import { isCorrection } from './correction.ts';

describe('isCorrection', () => {
  it.each(['刚才说错了，是5号楼', '电话改成13900001234', '地址更正一下', '应该是西城区', '不是海淀区，是朝阳区', '门牌号改为12号'])(
    'hears a correction in %s',
    (text) => {
      expect(isCorrection(text)).toBe(true);
    },
  );

  it.each(['楼下垃圾没人清理', '是不是能快点处理', '不是我说，真的太吵了'])('hears no correction in %s', (text) => {
    expect(isCorrection(text)).toBe(false);
  });
});
