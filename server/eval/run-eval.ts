/**
 * The two evaluations behind `jiesu eval`: the category classifier against `{text, label}` lines and
 * request-kind detection against `{text, type}` lines.
 */
import { CATEGORY_LABELS } from '../../flows/domain/classify/category-model.ts';
import { CATEGORY_CONFIDENCE_THRESHOLD, classifyCategory } from '../../flows/domain/classify/classify-category.ts';
import { detectRequestKind, REQUEST_KINDS } from '../../flows/domain/understand/request-type.ts';
import { evaluate, formatEvaluation, type Evaluation } from './metrics.ts';
import type { LabelledLine } from './labelled-file.ts';
import type { Progress } from './progress.ts';

export const UNDECIDED = '未判定';

export interface EvalTask {
  /** the JSON field holding the gold label */
  field: string;
  labels: readonly string[];
  /** Column for messages the predictor leaves undecided; absent when it always answers. */
  undecidedLabel?: string;
  /** The predicted label (undefined: undecided) and, for a classifier, its confidence. */
  predict(text: string): { label: string | undefined; confidence?: number };
}

export const EVAL_TASKS = {
  category: {
    field: 'label',
    labels: CATEGORY_LABELS,
    predict: (text: string) => {
      const prediction = classifyCategory(text);
      return { label: prediction.label, confidence: prediction.confidence };
    },
  },
  type: {
    field: 'type',
    labels: REQUEST_KINDS,
    undecidedLabel: UNDECIDED,
    predict: (text: string) => ({ label: detectRequestKind(text) }),
  },
} satisfies Record<string, EvalTask>;

export type EvalTaskName = keyof typeof EVAL_TASKS;

export interface EvalRun {
  evaluation: Evaluation;
  /** Confidence of each prediction, when the task has one. */
  confidences: number[];
  milliseconds: number;
}

export function runEval(task: EvalTask, rows: readonly LabelledLine[], progress?: Progress): EvalRun {
  const started = performance.now();
  const predicted: Array<number | undefined> = [];
  const confidences: number[] = [];
  const index = new Map(task.labels.map((label, i) => [label, i]));
  rows.forEach((row, i) => {
    const { label, confidence } = task.predict(row.text);
    predicted.push(label === undefined ? undefined : index.get(label));
    if (confidence !== undefined) confidences.push(confidence);
    if ((i & 63) === 63) progress?.update(i + 1);
  });
  progress?.update(rows.length);
  progress?.finish();
  const milliseconds = performance.now() - started;
  const evaluation = evaluate(task.labels, rows.map((r) => r.gold), predicted, task.undecidedLabel);
  return { evaluation, confidences, milliseconds };
}

/** The printed report; the last line is `accuracy=… macroF1=… n=…`. */
export function formatEvalRun(name: string, source: string, run: EvalRun): string {
  const e = run.evaluation;
  const report = formatEvaluation(e, `eval ${name}: ${e.n} messages from ${source}`).split('\n');
  const summary = report.pop()!;
  if (run.confidences.length === e.n && e.n > 0) {
    const below = run.confidences.filter((c) => c < CATEGORY_CONFIDENCE_THRESHOLD).length;
    report.push(`confidence below ${CATEGORY_CONFIDENCE_THRESHOLD} (the bot asks the citizen to choose): ${below} of ${e.n} (${((100 * below) / e.n).toFixed(1)}%)`);
  }
  if (e.undecidedLabel) {
    const undecided = e.matrix.reduce((a, row) => a + row[e.labels.length]!, 0);
    report.push(`${e.undecidedLabel} (no kind detected, counted wrong): ${undecided} of ${e.n}`);
  }
  report.push(summary);
  return report.join('\n');
}
