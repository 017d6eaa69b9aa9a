import Router from '@koa/router';
import { z } from 'zod';
import type { Runtime } from '../../runtime.ts';
import { requireApiKey } from '../middleware/api-key.ts';
import { validate } from '../validate.ts';
import { rawBody } from '../middleware/json-body.ts';
import { MAX_ATTACHMENT_BYTES } from '../../attachments/attachment-check.ts';

export const REST_CHANNEL = 'rest';

const userId = z.string().trim().min(1).max(128);
const messageBody = z.object({
  userId,
  // Longer texts are accepted and answered with a polite request to shorten them (runner).
  text: z.string().max(20_000),
  messageId: z.string().trim().min(1).max(128).optional(),
});
const pushQuery = z.object({
  after: z.string().regex(/^\d{1,15}$/, 'must be a cursor returned by this endpoint').optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const ticketNo = z.string().regex(/^J\d{11}$/, 'must look like J26112300001');
const uploadQuery = z.object({ note: z.string().trim().max(500).optional() });

/** The channel any trusted front end (mini-program, web) uses to talk to the same flows. */
export function restChannelRoutes(runtime: Runtime): Router {
  const router = new Router({ prefix: '/api/v1/channels/rest' });
  router.use(requireApiKey(runtime.config.channelApiKey, 'CHANNEL_API_KEY'));

  router.post('/messages', async (ctx) => {
    const body = validate(messageBody, ctx.request.body);
    const result = await runtime.runner.handle({ channel: REST_CHANNEL, userId: body.userId, text: body.text, messageId: body.messageId });
    ctx.status = result.failed ? 503 : 200;
    ctx.body = { replies: result.replies, duplicate: result.duplicate };
  });

  router.get('/users/:userId/messages', async (ctx) => {
    const id = validate(userId, ctx.params.userId, 'userId');
    const query = validate(pushQuery, ctx.query, 'query');
    ctx.body = await runtime.pushes.since(REST_CHANNEL, id, Number(query.after ?? 0), query.limit);
  });

  // A photo or document for one of the citizen's cases (mini-program upload): raw bytes, type from Content-Type.
  router.post('/users/:userId/cases/:ticketNo/attachments', rawBody(MAX_ATTACHMENT_BYTES), async (ctx) => {
    const id = validate(userId, ctx.params.userId, 'userId');
    const ticket = validate(ticketNo, ctx.params.ticketNo, 'ticketNo');
    const query = validate(uploadQuery, ctx.query, 'query');
    const bytes = ctx.state.rawBody as Buffer;
    const saved = await runtime.work.addAttachment(REST_CHANNEL, id, ticket, bytes, ctx.get('content-type') || undefined, query.note ?? null);
    ctx.status = saved.duplicate ? 200 : 201;
    ctx.body = saved;
  });

  return router;
}
