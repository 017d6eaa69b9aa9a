import Router from '@koa/router';
import { z } from 'zod';
import type { Runtime } from '../../runtime.ts';
import { requireApiKey } from '../middleware/api-key.ts';
import { validate } from '../validate.ts';

const casesQuery = z.object({
  channel: z.string().trim().min(1).max(32),
  userId: z.string().trim().min(1).max(128),
});

/** A citizen's cases, for administrators and back-office tools (one case: the work API). */
export function adminRoutes(runtime: Runtime): Router {
  const router = new Router({ prefix: '/api/v1/cases' });
  router.use(requireApiKey(runtime.config.adminApiKey, 'ADMIN_API_KEY'));

  router.get('/', async (ctx) => {
    const query = validate(casesQuery, ctx.query, 'query');
    ctx.body = { cases: await runtime.cases.byCitizen(query.channel, query.userId) };
  });

  return router;
}
