import Router from '@koa/router';
import { z } from 'zod';
import type { Runtime } from '../../runtime.ts';
import { requireApiKey } from '../middleware/api-key.ts';
import { validate } from '../validate.ts';
import { CASE_STATUSES } from '../../../flows/domain/lifecycle/case-lifecycle.ts';

const citizenQuery = z.object({
  channel: z.string().trim().min(1).max(32),
  userId: z.string().trim().min(1).max(128),
});
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const listQuery = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    unitCode: z.string().trim().min(1).max(32).optional(),
    escalated: flag.optional(),
    overdue: flag.optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Case lists for administrators and back-office tools (one case and its steps: the work API). */
export function adminRoutes(runtime: Runtime): Router {
  const router = new Router({ prefix: '/api/v1/cases' });
  router.use(requireApiKey(runtime.config.adminApiKey, 'ADMIN_API_KEY'));

  // One citizen's cases (?channel=&userId=), or the back office's lists: escalated to an operator,
  // overdue, by status or unit (?escalated=true&status=reopened&limit=50&before=<id>).
  router.get('/', async (ctx) => {
    if (ctx.query.channel !== undefined || ctx.query.userId !== undefined) {
      const query = validate(citizenQuery, ctx.query, 'query');
      ctx.body = { cases: await runtime.cases.byCitizen(query.channel, query.userId) };
      return;
    }
    const query = validate(listQuery, ctx.query, 'query');
    ctx.body = { cases: await runtime.cases.list({ ...query, beforeId: query.before }) };
  });

  return router;
}
