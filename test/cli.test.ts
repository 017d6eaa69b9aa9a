import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/jiesu.js', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });

describe('the jiesu command line', () => {
  it('explains its commands', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    for (const command of ['start', 'chat', 'migrate', 'bench']) expect(result.stdout).toContain(command);
  });

  it('refuses an unknown command with the help text', () => {
    const result = run(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });

  it('stops at start with one message listing every bad variable', () => {
    const result = run(['start'], { PORT: 'abc', DATABASE_URL: 'mysql://x', ADMIN_API_KEY: 'short' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    for (const name of ['PORT', 'DATABASE_URL', 'ADMIN_API_KEY']) expect(result.stderr).toContain(name);
  });
});
