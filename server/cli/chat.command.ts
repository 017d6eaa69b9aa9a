import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import type { Config } from '../config.ts';
import { createRuntime } from '../runtime.ts';
import { renderText } from '../conversation/render-text.ts';
import { createLogger } from '../logger.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

export const TERMINAL_CHANNEL = 'terminal';

/** A citizen's view of the bot in the terminal, through the same runner every channel uses. */
export async function chatCommand(config: Config, args: ParsedArgs): Promise<number> {
  const user = stringFlag(args, 'user') ?? 'local-citizen';
  // Logs go to stderr so they never interleave with the conversation.
  const runtime = await createRuntime(config, { logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr) });
  const rl = createInterface({ input: stdin, output: stdout, terminal: stdin.isTTY });
  stdout.write(`已连接（用户：${user}）。输入消息后回车，输入 /quit 退出。\n\n`);
  let counter = 0;
  try {
    for await (const line of rl) {
      const text = line.trim();
      if (text === '/quit' || text === '/exit') break;
      if (!text) continue;
      const result = await runtime.runner.handle({ channel: TERMINAL_CHANNEL, userId: user, text, messageId: `${process.pid}-${Date.now()}-${counter++}` });
      for (const reply of result.replies) stdout.write(`\n12345> ${renderText(reply).replaceAll('\n', '\n       ')}\n`);
      stdout.write('\n');
    }
  } finally {
    rl.close();
    await runtime.close();
  }
  return 0;
}
