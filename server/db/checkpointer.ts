import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Logger } from '../logger.ts';

/**
 * Moves SQLite's WAL checkpoints off the conversation path. A checkpoint copies the WAL back into
 * the database file and syncs it: a few milliseconds that, run inside a commit, became the slowest
 * turns (bench p99). A worker thread with its own connection checkpoints passively (it never blocks
 * the writer) every interval; the main connection keeps a high auto-checkpoint as a backstop should
 * the worker ever stop.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.path, { timeout: 5000 });
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') { clearInterval(timer); db.close(); process.exit(0); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, logger: Logger, intervalMs = 1000): Checkpointer {
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driverPath, intervalMs } });
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) logger.warn({ error: message.error }, 'WAL checkpoint failed; the auto-checkpoint backstop still applies');
  });
  worker.on('error', (error) => logger.warn({ err: error }, 'WAL checkpointer stopped; the auto-checkpoint backstop still applies'));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Referenced again while stopping, or an otherwise idle process would exit mid-wait.
        worker.ref();
        const fallback = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
        worker.once('exit', () => {
          clearTimeout(fallback);
          resolve();
        });
        worker.postMessage('stop');
      }),
  };
}
