import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real service as a child process (`node bin/jiesu.js start`), for suites that must kill it and
 * start it again: crash and restart, and any end-to-end test that wants the CLI's own wiring.
 * Every wait is a bounded loop; a helper that gives up says what the server printed.
 */

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = join(REPO_ROOT, 'bin', 'jiesu.js');

/** Variables a child may inherit; everything else (DATABASE_URL, WECHATY_PUPPET…) must be passed explicitly. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'SYSTEMROOT'];

export interface TempDir {
  path: string;
  remove(): void;
}

export function createTempDir(prefix = 'jiesu-e2e-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A port nobody listens on right now. Another process may take it before we do; startServer retries. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error('could not find a free port'))));
    });
  });
}

/** The environment of a test server on a SQLite file in `dir`, with both API keys; `extra` adds or overrides. */
export function sqliteServerEnv(dir: string, keys: { channel: string; admin: string }, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: `sqlite:${join(dir, 'jiesu.sqlite')}`, CHANNEL_API_KEY: keys.channel, ADMIN_API_KEY: keys.admin, LOG_LEVEL: 'warn', ...extra };
}

export interface ServerProcess {
  readonly port: number;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Everything the process wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  /** Send a signal (SIGKILL by default: a crash) and wait until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartServerOptions {
  /** The service's environment (DATABASE_URL, keys, LOG_LEVEL…); PORT is chosen here. */
  env: Record<string, string>;
  /** Health checks before giving up, `intervalMs` apart. */
  healthAttempts?: number;
  intervalMs?: number;
  /** Fresh ports to try when the chosen one was taken in the meantime. */
  portAttempts?: number;
}

const running = new Set<ServerProcess>();

function spawnServer(port: number, env: Record<string, string>): ServerProcess {
  const inherited = Object.fromEntries(INHERITED.flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : [])));
  const child = spawn(process.execPath, [ENTRY, 'start'], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    // Bounded: a chatty server must not grow the test's memory without limit.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown'));
  });
  const server: ServerProcess = {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => output,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      running.delete(server);
    },
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll /healthz until it answers 200. Returns false when the process exits first or the attempts run
 * out; each request has its own timeout so one hung request cannot stall the loop.
 */
export async function waitForHealth(server: ServerProcess, attempts = 200, intervalMs = 100): Promise<boolean> {
  let exited = false;
  void server.exited.then(() => (exited = true));
  for (let attempt = 0; attempt < attempts && !exited; attempt++) {
    try {
      const res = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(intervalMs);
  }
  return false;
}

/** Start the service on a free port and wait until it is healthy. */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const { env, healthAttempts = 200, intervalMs = 100, portAttempts = 3 } = options;
  let lastOutput = '';
  for (let attempt = 1; attempt <= portAttempts; attempt++) {
    const server = spawnServer(await freePort(), env);
    if (await waitForHealth(server, healthAttempts, intervalMs)) return server;
    await server.kill();
    lastOutput = server.output();
    // Only a lost race for the port is worth another try; anything else is a real failure.
    if (!/EADDRINUSE/.test(lastOutput)) break;
  }
  throw new Error(`the server did not become healthy; it printed:\n${lastOutput || '(nothing)'}`);
}

/** Kill every server the helpers started and that is still running (use in afterEach/afterAll). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.kill()));
}
