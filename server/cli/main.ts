import { ConfigError, loadConfig, type Config } from '../config.ts';
import { parseArgs, type ParsedArgs } from './args.ts';

/**
 * `jiesu` — the operator's command line. Each command is imported only when it runs, so
 * `jiesu --help` starts instantly and no command pays for another's dependencies.
 */
const COMMANDS: Record<string, { summary: string; usage: string; run: (args: ParsedArgs) => Promise<number | void> }> = {
  start: {
    summary: 'Run the service: HTTP API, and WeChat when WECHATY_PUPPET is set',
    usage: 'jiesu start',
    run: async () => (await import('./start.command.ts')).startCommand(configOrExit()),
  },
  chat: {
    summary: 'Talk to the bot in this terminal as a citizen, through the same runtime',
    usage: 'jiesu chat [--user <name>]',
    run: async (args) => (await import('./chat.command.ts')).chatCommand(configOrExit(), args),
  },
  migrate: {
    summary: 'Bring the database schema up to date (start does this too)',
    usage: 'jiesu migrate',
    run: async () => (await import('./migrate.command.ts')).migrateCommand(configOrExit()),
  },
  bench: {
    summary: 'Measure whole complaint conversations per second against raw SQLite inserts',
    usage: 'jiesu bench [--citizens 2000] [--concurrency 8] [--warmup 200] [--inserts 20000] [--db sqlite:<path>|postgres://…] [--json]',
    run: async (args) => (await import('./bench.command.ts')).benchCommand(args),
  },
  eval: {
    summary: 'Measure the category classifier, request-kind detection or knowledge search on labelled JSONL',
    usage: 'jiesu eval category <file.jsonl> ({"text","label"}) | eval type <file.jsonl> ({"text","type"}) | eval kb --entries <jsonl> --questions <jsonl>',
    run: async (args) => (await import('./eval.command.ts')).evalCommand(args),
  },
  unit: {
    summary: 'Units (streets, departments, utilities): find a code, mint, list or revoke a unit\'s API key',
    usage: 'jiesu unit find <name> | unit key <code> | unit keys <code> | unit revoke <code> <keyId>',
    run: async (args) => (await import('./unit.command.ts')).unitCommand(configOrExit(), args),
  },
  kb: {
    summary: 'Knowledge base: check entries, import a FAQ file, list unanswered questions',
    usage: 'jiesu kb check [dir] | kb import <file.jsonl|file.csv> [--dry-run] … | kb gaps [--limit 20]',
    run: async (args) => (await import('./kb.command.ts')).kbCommand(args),
  },
};

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  usage: ${c.usage}`);
  return [
    'jiesu — conversational front door for a 12345 citizen hotline',
    '',
    'Commands:',
    ...lines,
    '',
    'Configuration comes from environment variables (see README.md): PORT, DATABASE_URL, CHANNEL_API_KEY,',
    'ADMIN_API_KEY, WECHATY_PUPPET, OPENAI_API_KEY, KNOWLEDGE_DIR, LOG_LEVEL, QUIET_HOURS, ATTACHMENTS_DIR,',
    'WORKER_INTERVAL_MS.',
  ].join('\n');
}

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const name = args.positionals.shift();
  if (!name || name === 'help' || args.flags.help) {
    process.stdout.write(`${helpText()}\n`);
    return name && name !== 'help' && !COMMANDS[name] ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${helpText()}\n`);
    return 2;
  }
  return (await command.run(args)) ?? 0;
}
