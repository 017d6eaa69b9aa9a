/** Nearest-rank percentile of an ascending array; 0 for an empty one. */
export function percentile(sortedAscending: ArrayLike<number>, p: number): number {
  const n = sortedAscending.length;
  if (n === 0) return 0;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sortedAscending[rank - 1] ?? 0;
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A growable list of samples without the per-element cost of a plain array of boxed numbers. */
export function createSamples(capacity = 4096) {
  let buffer = new Float64Array(capacity);
  let length = 0;
  return {
    add(value: number): void {
      if (length === buffer.length) {
        const bigger = new Float64Array(buffer.length * 2);
        bigger.set(buffer);
        buffer = bigger;
      }
      buffer[length++] = value;
    },
    get length() {
      return length;
    },
    sorted(): Float64Array {
      return buffer.slice(0, length).sort();
    },
  };
}
