import type { Logger } from './logger.ts';
import type { OutboxDispatcher } from './outbox/outbox-dispatcher.ts';
import type { Scheduler } from './scheduler/scheduler.ts';

/**
 * The background loop: fire due timers, then deliver due pushes. `tick()` does one round (tests call
 * it with a manual clock); `start()` repeats it every interval until `stop()`.
 */
export function createWorkers(deps: { scheduler: Scheduler; dispatcher: OutboxDispatcher; logger: Logger; intervalMs: number }) {
  const { scheduler, dispatcher, logger, intervalMs } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function tick(): Promise<{ timers: number; pushes: number }> {
    const timers = await scheduler.tick();
    const pushes = await dispatcher.tick();
    return { timers, pushes };
  }

  function loop() {
    if (stopped) return;
    running = tick()
      .then(() => undefined)
      .catch((error: unknown) => logger.error({ err: error }, 'background round failed'))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export type Workers = ReturnType<typeof createWorkers>;
