import type { Middleware } from 'koa';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

/**
 * One place turns errors into responses: `{ error: { code, message } }`. Only errors marked
 * `expose` show their message; anything else is a 500 with a generic text and a log line.
 */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: `No route for ${ctx.method} ${ctx.path}` } };
      }
    } catch (error) {
      const known = error instanceof AppError ? error : undefined;
      const status = known?.status ?? 500;
      ctx.status = status;
      ctx.body = {
        error: {
          code: known?.code ?? 'internal_error',
          message: known?.expose ? known.message : 'Something went wrong on our side; please try again.',
        },
      };
      if (status >= 500 && !known?.expose) logger.error({ err: error, path: ctx.path }, 'request failed');
    }
  };
}
