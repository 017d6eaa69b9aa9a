import type { Middleware } from 'koa';
import { AppError, badRequest } from '../../errors.ts';

declare module 'koa' {
  interface Request {
    body?: unknown;
  }
}

export const MAX_BODY_BYTES = 64 * 1024;
/** Citizens' file uploads: binary bodies, read by the route itself. */
export const ATTACHMENT_UPLOAD_PATH = /^\/api\/v1\/channels\/rest\/users\/[^/]+\/cases\/[^/]+\/attachments$/;

/**
 * A small JSON body reader: a size cap enforced while streaming (so an oversized body is never
 * buffered whole), a clear 4xx for every way a body can be wrong, and nothing else.
 */
export function jsonBody(limit = MAX_BODY_BYTES, options: { rawPaths?: RegExp } = {}): Middleware {
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(ctx.method)) return next();
    // File uploads read their own body (rawBody).
    if (options.rawPaths?.test(ctx.path)) return next();
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > limit) throw new AppError('body_too_large', `Request body exceeds ${limit} bytes`, 413, true);
    // A POST that carries nothing (mint a key) needs no content type.
    if (!ctx.request.length && !ctx.get('transfer-encoding') && !ctx.get('content-type')) return next();
    if (!ctx.is('application/json')) throw new AppError('unsupported_media_type', 'Send the body as application/json', 415, true);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new AppError('body_too_large', `Request body exceeds ${limit} bytes`, 413, true);
      chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    try {
      ctx.request.body = raw.length ? JSON.parse(raw) : undefined;
    } catch {
      throw badRequest('malformed_json', 'The request body is not valid JSON');
    }
    return next();
  };
}

/** Reads a binary body (an uploaded photo) up to `limit` bytes into `ctx.state.rawBody`. */
export function rawBody(limit: number): Middleware {
  return async (ctx, next) => {
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > limit) throw new AppError('body_too_large', `Upload exceeds ${limit} bytes`, 413, true);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new AppError('body_too_large', `Upload exceeds ${limit} bytes`, 413, true);
      chunks.push(chunk);
    }
    ctx.state.rawBody = Buffer.concat(chunks);
    return next();
  };
}
