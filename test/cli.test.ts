import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

  it('finds a unit and mints, lists and revokes its key; only the hash is stored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-cli-'));
    try {
      const env = { DATABASE_URL: `sqlite:${join(dir, 'j.sqlite')}` };
      expect(run(['unit', 'find', '望京'], env).stdout).toMatch(/^110105026\tstreet\t望京街道办事处$/m);
      const minted = run(['unit', 'key', '110105026'], env);
      expect(minted.status).toBe(0);
      const key = /jsu_\S+/.exec(minted.stdout)?.[0] ?? '';
      expect(key).not.toBe('');
      const listed = run(['unit', 'keys', '110105026'], env);
      expect(listed.stdout).toContain('live');
      expect(listed.stdout).not.toContain(key);
      expect(run(['unit', 'revoke', '110105026', '1'], env).status).toBe(0);
      expect(run(['unit', 'keys', '110105026'], env).stdout).toContain('revoked');
      expect(run(['unit', 'key', 'NO-SUCH-UNIT'], env).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
