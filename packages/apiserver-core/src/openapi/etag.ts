import { createHash } from 'node:crypto';
import type { Context } from 'koa';

/** A strong ETag over the served bytes, as kube-apiserver computes for OpenAPI and discovery documents. */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha512').update(body).digest('hex').toUpperCase()}"`;
}

/** Answers 304 when the client's If-None-Match already names `etag`; true when it did. */
export function notModified(ctx: Context, etag: string): boolean {
  const inm = ctx.get('If-None-Match');
  if (!inm || !inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return false;
  ctx.status = 304;
  ctx.body = null;
  return true;
}

/**
 * Writes a cacheable document: ETag always, 304 when the client's If-None-Match already names it.
 * `immutable` marks hash-addressed URLs (/openapi/v3/...?hash=...), which kube-apiserver lets
 * clients cache for a year.
 */
export function writeCached(ctx: Context, body: string, contentType: string, etag = etagOf(body), immutable = false): void {
  ctx.set('ETag', etag);
  ctx.set('Vary', 'Accept');
  if (immutable) ctx.set('Cache-Control', 'public, immutable');
  if (notModified(ctx, etag)) return;
  ctx.status = 200;
  ctx.body = body;
  // Set verbatim: clients match the media type parameters (g=…;v=…;as=…) exactly.
  ctx.set('Content-Type', contentType);
}
