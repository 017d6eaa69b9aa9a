import { timingSafeEqual, createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { AppError, unauthorized } from '../../errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer-key guard. Without a configured key the endpoint is off, and says how to turn it on. */
export function requireApiKey(key: string | undefined, variable: string): Middleware {
  const expected = key ? digest(key) : undefined;
  return async (ctx, next) => {
    if (!expected) throw new AppError('endpoint_disabled', `Set ${variable} to enable this endpoint`, 503, true);
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(.+)$/i.exec(header);
    // Compare digests so the comparison takes the same time whatever the length of the guess.
    if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), expected)) throw unauthorized();
    return next();
  };
}
