/**
 * One-parameter calibration (temperature scaling): the factor a that makes softmax(a × margins) the
 * best probabilities for held-out margins, by log loss. Fitted on cross-validated margins only.
 */
/** The index of the largest value (the first on a tie). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if (values[c]! > values[best]!) best = c;
  return best;
}

export function softmax(margins: ArrayLike<number>, scale: number): number[] {
  let max = -Infinity;
  for (let c = 0; c < margins.length; c++) max = Math.max(max, margins[c]!);
  const exps = Array.from({ length: margins.length }, (_, c) => Math.exp(scale * (margins[c]! - max)));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function logLoss(margins: readonly ArrayLike<number>[], gold: readonly number[], scale: number): number {
  let total = 0;
  margins.forEach((m, i) => {
    total -= Math.log(Math.max(softmax(m, scale)[gold[i]!]!, 1e-12));
  });
  return total / margins.length;
}

/** Golden-section search of the log loss over a in [lo, hi] (it is unimodal in a). */
export function fitProbabilityScale(margins: readonly ArrayLike<number>[], gold: readonly number[], lo = 0.01, hi = 100): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  // search on a log scale: the useful range spans several orders of magnitude
  let a = Math.log(lo);
  let b = Math.log(hi);
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = logLoss(margins, gold, Math.exp(c));
  let fd = logLoss(margins, gold, Math.exp(d));
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = logLoss(margins, gold, Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = logLoss(margins, gold, Math.exp(d));
    }
  }
  return Math.exp((a + b) / 2);
}
