import { CategoryModelError } from '../../flows/domain/classify/category-model.ts';
import { formatKbEvalRun, readKbEvalEntries, readKbEvalQuestions, runKbEval } from '../eval/kb-eval.ts';
import { EvalInputError, readLabelledFile } from '../eval/labelled-file.ts';
import { createProgress } from '../eval/progress.ts';
import { EVAL_TASKS, formatEvalRun, runEval, type EvalTaskName } from '../eval/run-eval.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

export const EVAL_USAGE =
  'jiesu eval category <file.jsonl>  ({"text","label"} lines) | jiesu eval type <file.jsonl>  ({"text","type"} lines) | jiesu eval kb --entries <file.jsonl> ({"id","title"?,"question"?,"answer"}) --questions <file.jsonl> ({"question","answer_id"})';

/**
 * `jiesu eval category|type <file.jsonl>`: per-class precision/recall/F1, a confusion matrix and a last
 * line `accuracy=… macroF1=… n=…`. Bad input is the operator's to fix: a clear message and exit 2.
 */
export async function evalCommand(args: ParsedArgs): Promise<number> {
  if (args.positionals[0] === 'kb') return evalKb(args);
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

/** `jiesu eval kb --entries … --questions …`: top-1, top-5 and MRR of the knowledge search. */
function evalKb(args: ParsedArgs): number {
  const entriesFile = stringFlag(args, 'entries');
  const questionsFile = stringFlag(args, 'questions');
  const extra = args.positionals.slice(1);
  if (!entriesFile || !questionsFile || extra.length > 0) {
    const problem = extra.length > 0 ? `unexpected arguments: ${extra.join(' ')}` : 'eval kb needs --entries <file.jsonl> and --questions <file.jsonl>';
    process.stderr.write(`${problem}\nusage: ${EVAL_USAGE}\n`);
    return 2;
  }
  try {
    const entries = readKbEvalEntries(entriesFile);
    const questions = readKbEvalQuestions(questionsFile, new Set(entries.map((e) => e.id)));
    const run = runKbEval(entries, questions, new Date(), createProgress(questions.length, process.stderr, 'eval kb'));
    process.stdout.write(`${formatKbEvalRun(entriesFile, entries.length, run)}\n`);
    process.stderr.write(`index of ${entries.length} entries built in ${run.buildMs.toFixed(0)} ms; ${run.n} questions in ${(run.searchMs / 1000).toFixed(2)} s (${(run.searchMs / run.n).toFixed(3)} ms each)\n`);
    return 0;
  } catch (error) {
    if (error instanceof EvalInputError) {
      process.stderr.write(`eval kb: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
