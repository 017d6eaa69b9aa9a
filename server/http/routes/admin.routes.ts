import Router from '@koa/router';
import { z } from 'zod';
import { notFound } from '../../errors.ts';
import type { Runtime } from '../../runtime.ts';
import { requireApiKey } from '../middleware/api-key.ts';
import { validate } from '../validate.ts';

const casesQuery = z.object({
  channel: z.string().trim().min(1).max(32),
  userId: z.string().trim().min(1).max(128),
});
const ticketNo = z.string().regex(/^J\d{11}$/, 'must look like J26112300001');

/** Read access to cases for administrators and back-office tools. */
export function adminRoutes(runtime: Runtime): Router {
  const router = new Router({ prefix: '/api/v1/cases' });
  router.use(requireApiKey(runtime.config.adminApiKey, 'ADMIN_API_KEY'));

  router.get('/', async (ctx) => {
    const query = validate(casesQuery, ctx.query, 'query');
    ctx.body = { cases: await runtime.cases.byCitizen(query.channel, query.userId) };
  });

  router.get('/:ticketNo', async (ctx) => {
    const id = validate(ticketNo, ctx.params.ticketNo, 'ticketNo');
    const found = await runtime.cases.byTicketNo(id);
    if (!found) throw notFound(`No case ${id}`);
    ctx.body = found;
  });

  return router;
}
