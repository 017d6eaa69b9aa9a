/**
 * The baseline: multinomial naive Bayes on TF-IDF vectors (the textbook "TF-IDF + NB" text classifier).
 */
import type { SparseVector } from './corpus.ts';
import type { LinearModel } from './nbsvm.ts';

/** log P(c) + Σ x_f log θ_cf, with θ smoothed by `alpha`; returned as a linear model. */
export function trainMultinomialNb(xs: readonly SparseVector[], y: readonly number[], featureCount: number, labelCount: number, alpha: number): LinearModel {
  const mass = new Float64Array(featureCount * labelCount);
  const totals = new Float64Array(labelCount);
  const docs = new Float64Array(labelCount);
  xs.forEach((x, i) => {
    const c = y[i]!;
    docs[c]!++;
    for (let j = 0; j < x.ids.length; j++) {
      mass[x.ids[j]! * labelCount + c]! += x.values[j]!;
      totals[c]! += x.values[j]!;
    }
  });
  const weights = new Float64Array(featureCount * labelCount);
  for (let f = 0; f < featureCount; f++) {
    for (let c = 0; c < labelCount; c++) {
      weights[f * labelCount + c] = Math.log((mass[f * labelCount + c]! + alpha) / (totals[c]! + alpha * featureCount));
    }
  }
  const bias = Float64Array.from(docs, (d) => Math.log(d / xs.length));
  return { weights, bias, labelCount };
}
