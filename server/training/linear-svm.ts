/**
 * Binary linear SVM (hinge loss, L2) by stochastic gradient descent with the Pegasos step size
 * 1 / (λ (t₀ + t)). The weight vector is kept as scale × v so the L2 shrink costs O(1) per step.
 */
import { createRandom, shuffleInPlace } from './folds.ts';
import type { SparseVector } from './corpus.ts';

export interface HingeOptions {
  lambda: number;
  epochs: number;
  seed: number;
  /**
   * Ramp (truncated hinge) loss, tried against mislabelled messages and not shipped: from epoch `warmup`
   * on, examples with y × margin below −`cut` no longer move the weights. Absent: the plain hinge.
   */
  ramp?: { cut: number; warmup: number };
}

export interface BinaryLinearModel {
  w: Float64Array;
  b: number;
}

/**
 * @param y +1 / -1 per example
 * @param sampleWeight multiplies each example's loss (class balancing)
 * @param featureScale optional per-feature multiplier applied to every x (NB-SVM's log-count ratios);
 *   the returned w is for the scaled features
 */
export function trainHingeSgd(
  xs: readonly SparseVector[],
  y: Int8Array,
  sampleWeight: Float64Array,
  featureCount: number,
  options: HingeOptions,
  featureScale?: Float64Array,
): BinaryLinearModel {
  const v = new Float64Array(featureCount);
  let b = 0;
  let scale = 1;
  const { lambda } = options;
  const t0 = 1 / lambda;
  const random = createRandom(options.seed);
  const order = xs.map((_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = xs[i]!;
      const eta = 1 / (lambda * (t0 + t++));
      let margin = 0;
      for (let j = 0; j < x.ids.length; j++) {
        const f = x.ids[j]!;
        margin += v[f]! * x.values[j]! * (featureScale ? featureScale[f]! : 1);
      }
      margin = margin * scale + b;
      const yi = y[i]!;
      scale *= 1 - eta * lambda;
      if (scale < 1e-9) {
        for (let f = 0; f < featureCount; f++) v[f]! *= scale;
        scale = 1;
      }
      if (yi * margin >= 1) continue;
      if (options.ramp && epoch >= options.ramp.warmup && yi * margin < -options.ramp.cut) continue;
      const g = -yi * sampleWeight[i]!;
      const step = (eta * g) / scale;
      for (let j = 0; j < x.ids.length; j++) {
        const f = x.ids[j]!;
        v[f]! -= step * x.values[j]! * (featureScale ? featureScale[f]! : 1);
      }
      // the bias is not regularised and moves more slowly, which keeps early steps from swinging it
      b -= 0.1 * eta * g;
    }
  }
  for (let f = 0; f < featureCount; f++) v[f]! *= scale;
  return { w: v, b };
}
