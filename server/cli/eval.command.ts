import { CategoryModelError } from '../../flows/domain/classify/category-model.ts';
import { EvalInputError, readLabelledFile } from '../eval/labelled-file.ts';
import { createProgress } from '../eval/progress.ts';
import { EVAL_TASKS, formatEvalRun, runEval, type EvalTaskName } from '../eval/run-eval.ts';
import type { ParsedArgs } from './args.ts';

export const EVAL_USAGE = 'jiesu eval category <file.jsonl>  ({"text","label"} lines) | jiesu eval type <file.jsonl>  ({"text","type"} lines)';

/**
 * `jiesu eval category|type <file.jsonl>`: per-class precision/recall/F1, a confusion matrix and a last
 * line `accuracy=… macroF1=… n=…`. Bad input is the operator's to fix: a clear message and exit 2.
 */
export async function evalCommand(args: ParsedArgs): Promise<number> {
  const [name, file, ...extra] = args.positionals;
  if (!name || !file || extra.length > 0 || !Object.hasOwn(EVAL_TASKS, name)) {
    const problem = !name ? 'eval needs a task and a file' : !Object.hasOwn(EVAL_TASKS, name) ? `unknown eval task "${name}"` : !file ? `eval ${name} needs a .jsonl file` : `unexpected arguments: ${extra.join(' ')}`;
    process.stderr.write(`${problem}\nusage: ${EVAL_USAGE}\n`);
    return 2;
  }
  const task = EVAL_TASKS[name as EvalTaskName];
  try {
    const rows = readLabelledFile(file, task.field, task.labels);
    const run = runEval(task, rows, createProgress(rows.length, process.stderr, `eval ${name}`));
    process.stdout.write(`${formatEvalRun(name, file, run)}\n`);
    process.stderr.write(`${rows.length} messages in ${(run.milliseconds / 1000).toFixed(2)} s (${(run.milliseconds / rows.length).toFixed(3)} ms each)\n`);
    return 0;
  } catch (error) {
    if (error instanceof EvalInputError) {
      process.stderr.write(`eval ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CategoryModelError) {
      process.stderr.write(`eval ${name}: the category model cannot be loaded: ${error.message} (run npm run train)\n`);
      return 1;
    }
    throw error;
  }
}
