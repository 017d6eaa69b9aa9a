import type { Server } from 'node:http';
import type { Config } from '../config.ts';
import { createRuntime } from '../runtime.ts';
import { createHttpApp } from '../http/app.ts';

/** A channel that runs beside the HTTP server (WeChat). */
export interface RunningChannel {
  stop(): Promise<void>;
}

export async function startCommand(config: Config): Promise<number> {
  const runtime = await createRuntime(config);
  const { logger } = runtime;
  const app = createHttpApp(runtime);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, () => resolve(s));
  });
  logger.info({ port: config.port, database: config.database.engine }, 'jiesu is listening');
  if (!config.channelApiKey) logger.info('REST channel is off: set CHANNEL_API_KEY to let front ends send messages');
  if (!config.adminApiKey) logger.info('Admin API is off: set ADMIN_API_KEY to read cases');

  const channels: RunningChannel[] = [];
  if (config.wechaty.puppet) {
    // The CLI is the outermost layer: the only place in server/ allowed to reach into bot/.
    const { startWechatyChannel, WECHAT_CHANNEL } = await import('../../bot/wechaty-channel.ts');
    const wechat = await startWechatyChannel({ runner: runtime.runner, logger, wechaty: config.wechaty });
    // Progress pushes and callbacks for WeChat citizens leave through this process's bot.
    runtime.outbox.registerChannel(WECHAT_CHANNEL, (address, replies) => wechat.deliver(address.userId, replies));
    channels.push(wechat);
  } else {
    logger.info('WeChat is off: set WECHATY_PUPPET (e.g. wechaty-puppet-wechat4u) to connect a WeChat account');
  }

  // Timers (deadlines, callback reminders) and the outbox (pushes, webhooks) run in the background.
  runtime.workers.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await Promise.allSettled(channels.map((c) => c.stop()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return new Promise<number>(() => undefined);
}
