import { KbDirectoryError, loadKnowledgeBase, summarise } from '../../knowledge/ingest/check-entries.ts';
import type { ParsedArgs } from './args.ts';

export const KB_USAGE = 'jiesu kb check [dir]  (default knowledge/entries)';

const SUBCOMMANDS: Record<string, (args: ParsedArgs) => number> = {
  check: kbCheck,
};

/** `jiesu kb <subcommand>`: operations on the knowledge base. */
export async function kbCommand(args: ParsedArgs): Promise<number> {
  const [name] = args.positionals;
  const sub = name ? SUBCOMMANDS[name] : undefined;
  if (!sub) {
    process.stderr.write(`${name ? `unknown kb subcommand "${name}"` : 'kb needs a subcommand'}\nusage: ${KB_USAGE}\n`);
    return 2;
  }
  return sub({ ...args, positionals: args.positionals.slice(1) });
}

/**
 * Prints every problem as `file  field  message`, then a summary line. Exit 1 when any error stands;
 * warnings (expired, overdue for review) alone exit 0 so a deploy is not blocked by a due date.
 */
function kbCheck(args: ParsedArgs): number {
  const [dir = 'knowledge/entries', ...extra] = args.positionals;
  if (extra.length > 0) {
    process.stderr.write(`unexpected arguments: ${extra.join(' ')}\nusage: ${KB_USAGE}\n`);
    return 2;
  }
  let check;
  try {
    check = loadKnowledgeBase(dir, new Date());
  } catch (error) {
    if (error instanceof KbDirectoryError) {
      process.stderr.write(`kb check: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const lines = check.problems.map((p) => `${p.severity === 'error' ? 'error  ' : 'warning'}  ${p.file}  ${p.field}: ${p.message}`);
  const s = summarise(check);
  lines.push(`entries=${s.entries} ok=${s.ok} warnings=${s.warnings} errors=${s.errors}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return s.errors > 0 ? 1 : 0;
}
