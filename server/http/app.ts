import Koa from 'koa';
import Router from '@koa/router';
import type { Runtime } from '../runtime.ts';
import { errorMiddleware } from './middleware/errors.ts';
import { jsonBody, ATTACHMENT_UPLOAD_PATH } from './middleware/json-body.ts';
import { restChannelRoutes } from './routes/rest-channel.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { workRoutes } from './routes/work.routes.ts';

/** The whole HTTP surface, composed in one visible place. */
export function createHttpApp(runtime: Runtime): Koa {
  const app = new Koa();
  app.proxy = false;
  app.silent = true;

  const health = new Router();
  health.get('/healthz', async (ctx) => {
    const ok = await runtime.healthy();
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'database unavailable' };
  });

  const channel = restChannelRoutes(runtime);
  const admin = adminRoutes(runtime);
  const work = workRoutes(runtime);

  app.use(errorMiddleware(runtime.logger));
  app.use(jsonBody(undefined, { rawPaths: ATTACHMENT_UPLOAD_PATH }));
  app.use(health.routes());
  app.use(channel.routes());
  app.use(channel.allowedMethods());
  app.use(work.routes());
  app.use(work.allowedMethods());
  app.use(admin.routes());
  app.use(admin.allowedMethods());
  return app;
}
