import type { Context } from 'koa';

/** Subresources that stream or proxy (kube-apiserver's long-running subresources). */
const longRunningSubresources = /\/(proxy|log|exec|attach|portforward)(\/|$)/;

/**
 * BasicLongRunningRequestCheck: watches and streaming subresources are exempt from the
 * in-flight limits and the request timeout.
 */
export function isLongRunningRequest(ctx: Context): boolean {
  const watch = ctx.query.watch;
  const w = (Array.isArray(watch) ? watch[0] : watch)?.toLowerCase();
  if (ctx.method === 'GET' && (w === 'true' || w === '1' || ctx.path.includes('/watch/'))) return true;
  return longRunningSubresources.test(ctx.path);
}

/** Writes change state; everything else is read-only (the two in-flight pools). */
export function isMutatingRequest(ctx: Context): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(ctx.method);
}
