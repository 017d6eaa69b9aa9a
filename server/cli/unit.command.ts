import { unitDirectory } from '../../flows/domain/routing/units.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createRuntime } from '../runtime.ts';
import type { ParsedArgs } from './args.ts';

const USAGE = 'usage: jiesu unit find <name> | unit key <code> | unit keys <code> | unit revoke <code> <keyId>';

/**
 * Units for operators: find a unit's code, mint an API key for it (shown once, only its hash is
 * kept), list and revoke keys. The same operations as the work API, for the shell.
 */
export async function unitCommand(config: Config, args: ParsedArgs): Promise<number> {
  const [action, target, extra] = args.positionals;
  if (action === 'find') {
    if (!target) return fail('say which unit, e.g. jiesu unit find 望京');
    const found = unitDirectory().units.filter((u) => u.name.includes(target) || u.formalName?.includes(target) || u.code === target);
    for (const unit of found.slice(0, 30)) process.stdout.write(`${unit.code}\t${unit.kind}\t${unit.formalName ?? unit.name}\n`);
    if (found.length === 0) process.stdout.write(`No unit matches "${target}".\n`);
    return found.length === 0 ? 1 : 0;
  }
  if (!target || !['key', 'keys', 'revoke'].includes(action ?? '')) return fail(USAGE);
  if (!unitDirectory().get(target)) return fail(`No unit ${target}; find codes with: jiesu unit find <name>`);
  const runtime = await createRuntime({ ...config, logLevel: 'warn' }, { logger: createLogger('warn'), understander: null });
  try {
    if (action === 'key') {
      const minted = await runtime.work.mintKey(target, 'cli');
      process.stdout.write(`Key for ${target} (id ${minted.id}). Store it now, it is not shown again:\n${minted.key}\n`);
    } else if (action === 'keys') {
      for (const k of await runtime.work.listKeys(target)) {
        process.stdout.write(`${k.id}\t${k.keyPrefix}…\tcreated ${k.createdAt.toISOString()}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'live'}\n`);
      }
    } else {
      const id = Number(extra);
      if (!Number.isInteger(id) || id < 1) return fail('say which key id to revoke (jiesu unit keys <code> lists them)');
      await runtime.work.revokeKey(target, id, 'cli');
      process.stdout.write(`Key ${id} of ${target} revoked.\n`);
    }
    return 0;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    await runtime.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
