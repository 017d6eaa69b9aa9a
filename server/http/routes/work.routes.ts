import Router from '@koa/router';
import { z } from 'zod';
import { ADMIN_ACTIONS, CASE_STATUSES, UNIT_ACTIONS } from '../../../flows/domain/lifecycle/case-lifecycle.ts';
import type { Runtime } from '../../runtime.ts';
import { callerOf, requireAdmin, requireUnitOrAdmin, workAuth } from '../middleware/work-auth.ts';
import { validate } from '../validate.ts';
import { notFound } from '../../errors.ts';

const ticketNo = z.string().regex(/^J\d{11}$/, 'must look like J26112300001');
const unitCode = z.string().trim().min(1).max(32);
const eventBody = z
  .object({
    type: z.enum([...UNIT_ACTIONS, ...ADMIN_ACTIONS]),
    note: z.string().trim().max(2000).optional(),
    unitCode: unitCode.optional(),
    dueAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
const casesQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional(),
});
const outboxQuery = z.object({
  status: z.enum(['pending', 'sending', 'sent', 'skipped', 'dead']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const feedQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const webhookBody = z.object({ url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500) }).strict();
const revealBody = z.object({ reason: z.string().trim().min(2, 'say why the citizen must be identified').max(500) }).strict();
const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM') });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

/** The work API: units and administrators work cases; administrators manage units' keys and webhooks. */
export function workRoutes(runtime: Runtime): Router {
  const router = new Router({ prefix: '/api/v1' });
  // Per route, not router.use: the guard must not touch other routers' paths under /api/v1.
  const auth = workAuth(runtime.config.adminApiKey, (key) => runtime.work.authenticate(key));
  const { work } = runtime;

  router.get('/cases/:ticketNo', auth, async (ctx) => {
    ctx.body = await work.getCase(callerOf(ctx.state), validate(ticketNo, ctx.params.ticketNo, 'ticketNo'));
  });

  router.post('/cases/:ticketNo/events', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    const id = validate(ticketNo, ctx.params.ticketNo, 'ticketNo');
    const body = validate(eventBody, ctx.request.body);
    ctx.body = await work.applyEvent(caller, id, { type: body.type, note: body.note, unitCode: body.unitCode, dueAt: body.dueAt ? new Date(body.dueAt) : undefined });
  });

  router.post('/cases/:ticketNo/reveal', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    requireAdmin(caller);
    const body = validate(revealBody, ctx.request.body);
    ctx.body = await work.reveal(validate(ticketNo, ctx.params.ticketNo, 'ticketNo'), 'admin', body.reason);
  });

  router.get('/cases/:ticketNo/attachments', auth, async (ctx) => {
    const list = await work.attachmentsOf(callerOf(ctx.state), validate(ticketNo, ctx.params.ticketNo, 'ticketNo'));
    ctx.body = { attachments: list.map((a) => ({ sha256: a.sha256, mime: a.mime, size: a.size, source: a.source, at: a.createdAt.toISOString() })) };
  });

  router.get('/cases/:ticketNo/attachments/:sha256', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    const hash = validate(sha256, ctx.params.sha256, 'sha256');
    const found = (await work.attachmentsOf(caller, validate(ticketNo, ctx.params.ticketNo, 'ticketNo'))).find((a) => a.sha256 === hash);
    const bytes = found ? await work.readAttachment(hash) : undefined;
    if (!found || !bytes) throw notFound('No such attachment on this case');
    ctx.type = found.mime;
    ctx.body = bytes;
  });

  router.get('/units/:code/cases', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    const code = validate(unitCode, ctx.params.code, 'code');
    requireUnitOrAdmin(caller, code);
    const query = validate(casesQuery, ctx.query, 'query');
    ctx.body = { cases: await work.unitCases(code, query.status, query.limit, query.before) };
  });

  router.get('/units/:code/events', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    const code = validate(unitCode, ctx.params.code, 'code');
    requireUnitOrAdmin(caller, code);
    const query = validate(feedQuery, ctx.query, 'query');
    ctx.body = await work.unitFeed(code, query.after, query.limit);
  });

  router.post('/units/:code/keys', auth, async (ctx) => {
    requireAdmin(callerOf(ctx.state));
    const minted = await work.mintKey(validate(unitCode, ctx.params.code, 'code'), 'admin');
    ctx.status = 201;
    ctx.body = { ...minted, note: 'Store this key now: it is shown only once.' };
  });

  router.get('/units/:code/keys', auth, async (ctx) => {
    requireAdmin(callerOf(ctx.state));
    const keys = await work.listKeys(validate(unitCode, ctx.params.code, 'code'));
    ctx.body = { keys: keys.map((k) => ({ id: k.id, keyPrefix: k.keyPrefix, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null })) };
  });

  router.delete('/units/:code/keys/:id', auth, async (ctx) => {
    requireAdmin(callerOf(ctx.state));
    await work.revokeKey(validate(unitCode, ctx.params.code, 'code'), validate(z.coerce.number().int().min(1), ctx.params.id, 'id'), 'admin');
    ctx.status = 204;
  });

  router.put('/units/:code/webhook', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    const code = validate(unitCode, ctx.params.code, 'code');
    requireUnitOrAdmin(caller, code);
    const body = validate(webhookBody, ctx.request.body);
    ctx.body = { ...(await work.setWebhook(code, body.url, caller.role === 'admin' ? 'admin' : `unit:${code}`)), note: 'Store the secret now: it is shown only once.' };
  });

  router.delete('/units/:code/webhook', auth, async (ctx) => {
    const caller = callerOf(ctx.state);
    const code = validate(unitCode, ctx.params.code, 'code');
    requireUnitOrAdmin(caller, code);
    await work.removeWebhook(code, caller.role === 'admin' ? 'admin' : `unit:${code}`);
    ctx.status = 204;
  });

  router.get('/outbox', auth, async (ctx) => {
    requireAdmin(callerOf(ctx.state));
    const query = validate(outboxQuery, ctx.query, 'query');
    ctx.body = await work.outboxList(query.status, query.limit);
  });

  router.post('/outbox/:id/retry', auth, async (ctx) => {
    requireAdmin(callerOf(ctx.state));
    await work.requeuePush(validate(z.coerce.number().int().min(1), ctx.params.id, 'id'), 'admin');
    ctx.status = 204;
  });

  router.get('/audit', auth, async (ctx) => {
    requireAdmin(callerOf(ctx.state));
    const entries = await work.auditLog(200);
    ctx.body = { entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) };
  });

  router.get('/reports/rates', auth, async (ctx) => {
    requireAdmin(callerOf(ctx.state));
    const query = validate(monthQuery, ctx.query, 'query');
    ctx.body = { month: query.month, units: await work.rates(query.month) };
  });

  return router;
}
