import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/**
 * WithHTTPLogging (httplog): one structured line per request — verb, URI, code, latency, user
 * agent, audit ID and source address — logged when the response is finished.
 */
export function withHTTPLogging(logger: Logger): Middleware {
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    // Read now: once the response is finished Node may have detached the socket (req.socket is null),
    // as when a client hangs up while its request body is still arriving.
    const socket = ctx.req.socket;
    const srcIP = `${socket.remoteAddress ?? ''}:${socket.remotePort ?? ''}`;
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
          srcIP,
          resp: ctx.res.statusCode,
        },
        'HTTP',
      );
    };
    await next();
  };
}
