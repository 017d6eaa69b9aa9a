/**
 * Classification metrics and their plain-text report. Pure: the eval command and the training script
 * both print through here, so their figures are computed the same way.
 */

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Gold examples of this label. */
  support: number;
  /** How often it was predicted. */
  predicted: number;
}

export interface Evaluation {
  labels: readonly string[];
  /** Name of the extra column for "no prediction" (e.g. 未判定), when predictions may be missing. */
  undecidedLabel?: string;
  /** rows: gold label; columns: predicted label, then the undecided column when there is one. */
  matrix: number[][];
  perClass: ClassMetrics[];
  accuracy: number;
  /** Mean F1 over the labels that occur in the gold labels or the predictions (as scikit-learn does). */
  macroF1: number;
  n: number;
}

/**
 * @param gold index into `labels` per example
 * @param predicted index into `labels`, or undefined for "no prediction" (always wrong)
 */
export function evaluate(labels: readonly string[], gold: readonly number[], predicted: ReadonlyArray<number | undefined>, undecidedLabel?: string): Evaluation {
  if (gold.length !== predicted.length) throw new Error('evaluate: gold and predicted differ in length');
  const k = labels.length;
  const matrix = labels.map(() => new Array<number>(k + (undecidedLabel ? 1 : 0)).fill(0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = predicted[i];
    if (p === g) correct++;
    if (p === undefined && !undecidedLabel) throw new Error('evaluate: a missing prediction needs an undecided column');
    matrix[g]![p ?? k]!++;
  }
  const perClass = labels.map((label, c) => {
    const tp = matrix[c]![c]!;
    const support = matrix[c]!.reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((a, row) => a + row[c]!, 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support, predicted: predictedCount };
  });
  const present = perClass.filter((m) => m.support > 0 || m.predicted > 0);
  const macroF1 = present.length > 0 ? present.reduce((a, m) => a + m.f1, 0) / present.length : 0;
  return { labels, undecidedLabel, matrix, perClass, accuracy: gold.length > 0 ? correct / gold.length : 0, macroF1, n: gold.length };
}

/** The closing line every report ends with; scripts read it. */
export function summaryLine(e: Evaluation): string {
  return `accuracy=${e.accuracy.toFixed(4)} macroF1=${e.macroF1.toFixed(4)} n=${e.n}`;
}

/** Columns in a terminal: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000 ? 2 : 1;
  }
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Column headers for the confusion matrix: names longer than three characters cut to two, when that still tells them apart. */
function shortNames(names: readonly string[]): string[] {
  const short = names.map((n) => (Array.from(n).length > 3 ? Array.from(n).slice(0, 2).join('') : n));
  return new Set(short).size === short.length ? short : [...names];
}

/** Per-class table: precision, recall, F1, support, then the macro average. */
export function formatClassTable(e: Evaluation): string {
  const labelWidth = Math.max(displayWidth('macro avg'), ...e.labels.map(displayWidth));
  const header = `${padEnd('label', labelWidth)}  precision  recall      F1  support`;
  const row = (name: string, p: string, r: string, f: string, s: string) =>
    `${padEnd(name, labelWidth)}  ${p.padStart(9)}  ${r.padStart(6)}  ${f.padStart(6)}  ${s.padStart(7)}`;
  const lines = e.perClass.map((m) => row(m.label, m.precision.toFixed(4), m.recall.toFixed(4), m.f1.toFixed(4), String(m.support)));
  const present = e.perClass.filter((m) => m.support > 0 || m.predicted > 0);
  const mean = (f: (m: ClassMetrics) => number) => (present.length > 0 ? present.reduce((a, m) => a + f(m), 0) / present.length : 0);
  lines.push(row('macro avg', mean((m) => m.precision).toFixed(4), mean((m) => m.recall).toFixed(4), e.macroF1.toFixed(4), String(e.n)));
  return [header, ...lines].join('\n');
}

/** Confusion matrix: rows are the true labels, columns the predictions. */
export function formatConfusionMatrix(e: Evaluation): string {
  const columns = shortNames([...e.labels, ...(e.undecidedLabel ? [e.undecidedLabel] : [])]);
  const labelWidth = Math.max(displayWidth('true \\ predicted'), ...e.labels.map(displayWidth));
  const cellWidth = Math.max(6, ...columns.map(displayWidth), ...e.matrix.flat().map((v) => String(v).length)) + 1;
  const header = padEnd('true \\ predicted', labelWidth) + columns.map((c) => padStart(c, cellWidth)).join('');
  const rows = e.labels.map((label, g) => padEnd(label, labelWidth) + e.matrix[g]!.map((v) => String(v).padStart(cellWidth)).join(''));
  return [header, ...rows].join('\n');
}

/** The whole report; its last line is `summaryLine`. */
export function formatEvaluation(e: Evaluation, title?: string): string {
  return [...(title ? [title, ''] : []), formatClassTable(e), '', formatConfusionMatrix(e), '', summaryLine(e)].join('\n');
}
