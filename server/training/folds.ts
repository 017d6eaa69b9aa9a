/** Seeded randomness and stratified folds: the same seed gives the same split on every machine. */

/** mulberry32: small, fast, and identical everywhere. Returns [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

/**
 * Fold number per example: each class is shuffled and dealt round-robin, so every fold holds each class
 * in the same proportion (±1).
 */
export function stratifiedFolds(labels: readonly number[], k: number, seed: number): number[] {
  const random = createRandom(seed);
  const fold = new Array<number>(labels.length).fill(0);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  let offset = 0;
  for (const c of classes) {
    const members = shuffleInPlace(labels.flatMap((label, i) => (label === c ? [i] : [])), random);
    // continuing the deal across classes keeps fold sizes even when classes are small
    members.forEach((i, n) => (fold[i] = (offset + n) % k));
    offset += members.length;
  }
  return fold;
}
