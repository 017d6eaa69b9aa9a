/** `{ start: '22:00', end: '08:00' }` in Beijing time, or off. */
export type QuietHours = { start: string; end: string } | 'off';

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const BEIJING_OFFSET_MIN = 8 * 60;

/**
 * When a non-urgent push may go out: at once outside quiet hours, else at the end of them (Beijing
 * time). A window may wrap midnight (22:00–08:00).
 */
export function releaseTime(at: Date, quiet: QuietHours): Date {
  if (quiet === 'off') return at;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return at;
  const localMs = at.getTime() + BEIJING_OFFSET_MIN * 60_000;
  const dayStartMs = Math.floor(localMs / 86_400_000) * 86_400_000;
  const minute = Math.floor((localMs - dayStartMs) / 60_000);
  const inQuiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inQuiet) return at;
  // The end is later today, or tomorrow when we are in the evening part of a window that wraps.
  const endDay = start > end && minute >= start ? dayStartMs + 86_400_000 : dayStartMs;
  return new Date(endDay + end * 60_000 - BEIJING_OFFSET_MIN * 60_000);
}
