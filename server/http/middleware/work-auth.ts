import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { AppError, unauthorized } from '../../errors.ts';
import type { Caller } from '../../cases/work.service.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The work API's guard: the administrator's key, or a unit's own key (looked up by its hash). The
 * caller lands in `ctx.state.caller`.
 */
export function workAuth(adminKey: string | undefined, unitOf: (key: string) => Promise<string | null>): Middleware {
  const admin = adminKey ? digest(adminKey) : undefined;
  return async (ctx, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(ctx.get('authorization'));
    const key = match?.[1]?.trim();
    if (!key) throw unauthorized();
    let caller: Caller | undefined;
    if (admin && timingSafeEqual(digest(key), admin)) caller = { role: 'admin' };
    else {
      const unitCode = await unitOf(key);
      if (unitCode) caller = { role: 'unit', unitCode };
    }
    if (!caller) throw unauthorized();
    ctx.state.caller = caller;
    return next();
  };
}

export function callerOf(state: Record<string, unknown>): Caller {
  const caller = state.caller as Caller | undefined;
  if (!caller) throw unauthorized();
  return caller;
}

export function requireAdmin(caller: Caller): void {
  if (caller.role !== 'admin') throw new AppError('forbidden', 'Only an administrator can do this', 403, true);
}

/** A unit acts on its own code only; an administrator on any. */
export function requireUnitOrAdmin(caller: Caller, unitCode: string): void {
  if (caller.role === 'unit' && caller.unitCode !== unitCode) throw new AppError('forbidden', 'A unit can only see and act on its own cases', 403, true);
}
