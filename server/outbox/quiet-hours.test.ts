import { describe, expect, it } from 'vitest';
import { releaseTime } from './quiet-hours.ts';

const NIGHT = { start: '22:00', end: '08:00' };
// Beijing is UTC+8: 22:00 Beijing = 14:00 UTC.
describe('quiet hours (Beijing time)', () => {
  it('lets a daytime push go at once', () => {
    const at = new Date('2026-11-24T03:00:00Z'); // 11:00 Beijing
    expect(releaseTime(at, NIGHT)).toEqual(at);
  });

  it('holds a late-evening push until 08:00 the next morning', () => {
    expect(releaseTime(new Date('2026-11-24T15:30:00Z'), NIGHT).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });

  it('holds an after-midnight push until 08:00 the same morning', () => {
    expect(releaseTime(new Date('2026-11-24T18:10:00Z'), NIGHT).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });

  it('treats the start minute as quiet and the end minute as open', () => {
    expect(releaseTime(new Date('2026-11-24T14:00:00Z'), NIGHT).toISOString()).toBe('2026-11-25T00:00:00.000Z');
    const eight = new Date('2026-11-25T00:00:00Z');
    expect(releaseTime(eight, NIGHT)).toEqual(eight);
  });

  it('supports a window that does not wrap midnight, and off', () => {
    expect(releaseTime(new Date('2026-11-24T05:00:00Z'), { start: '12:00', end: '14:00' }).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    const at = new Date('2026-11-24T15:30:00Z');
    expect(releaseTime(at, 'off')).toEqual(at);
  });
});
