import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/**
 * WithHTTPLogging (httplog): one structured line per request — verb, URI, code, latency, user
 * agent, audit ID and source address — logged when the response is finished.
 */
export function withHTTPLogging(logger: Logger): Middleware {
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    ctx.res.once('finish', () => log());
    ctx.res.once('close', () => log());
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const latencyMs = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info(
        {
          verb: ctx.method,
          URI: ctx.originalUrl,
          latency: `${latencyMs.toFixed(3)}ms`,
          userAgent: ctx.get('User-Agent'),
          auditID: ctx.state.auditID,
          srcIP: `${ctx.req.socket.remoteAddress ?? ''}:${ctx.req.socket.remotePort ?? ''}`,
          resp: ctx.res.statusCode,
        },
        'HTTP',
      );
    };
    await next();
  };
}
