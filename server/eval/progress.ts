/**
 * A one-line progress bar for long evaluations. Drawn only on a terminal: piped or captured output
 * (CI, tests, `> report.txt`) stays clean.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

export interface Progress {
  /** `done` items out of the total so far. */
  update(done: number): void;
  /** Clears the bar. */
  finish(): void;
}

const SILENT: Progress = { update: () => {}, finish: () => {} };

export function createProgress(total: number, stream: ProgressStream, label: string, minimum = 200): Progress {
  if (!stream.isTTY || total < minimum) return SILENT;
  let shown = -1;
  const width = Math.max(10, Math.min(40, (stream.columns || 80) - label.length - 30));
  const draw = (done: number) => {
    const percent = Math.floor((100 * done) / total);
    if (percent === shown) return;
    shown = percent;
    const filled = Math.round((width * done) / total);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`);
  };
  draw(0);
  return {
    update: draw,
    finish: () => stream.write(`\r${' '.repeat(label.length + width + 30)}\r`),
  };
}
