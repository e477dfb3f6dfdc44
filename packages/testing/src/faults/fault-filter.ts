import { resolveRequestInfo, writeError, type GenericAPIServerOptions, type StatusError } from '@kapi/apiserver-core';
import type { Faults, OpenWatch } from './faults';

type Filter = NonNullable<GenericAPIServerOptions['innerFilters']>[number];

/**
 * The handler-chain filter behind Faults. It sits innermost (after authentication and
 * authorization, so a refused request is still refused) and is installed only by the kit, through
 * ServerRunOptions.embedding: `kapi server` has no way to reach it.
 */
export function withFaultInjection(faults: Faults): Filter {
  return async (ctx, next) => {
    const info = resolveRequestInfo(ctx);
    if (!info) return next();
    const { delayMs, error } = faults.take(info);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (error) {
      writeError(ctx, error);
      return;
    }
    if (info.verb !== 'watch') return next();
    const expired = faults.takeWatchExpiry(info);
    if (expired) return writeExpiredWatch(ctx, expired);
    const open: OpenWatch = { info, drop: () => ctx.req.socket.destroy() };
    faults.openWatches.add(open);
    ctx.res.once('close', () => faults.openWatches.delete(open));
    return next();
  };
}

/** A watch answered as the watch cache answers a resourceVersion it no longer holds: 200, one ERROR event with the Status. */
function writeExpiredWatch(ctx: Parameters<Filter>[0], err: StatusError): void {
  ctx.status = 200;
  ctx.set('Content-Type', 'application/json');
  ctx.body = `${JSON.stringify({ type: 'ERROR', object: err.toStatus() })}\n`;
}
