import type { Middleware } from 'koa';
import { newBadRequest, newTimeoutError } from '../../api/errors';
import { writeError } from '../../endpoints/handlers/response';
import { parseGoDuration } from '../../util/duration';
import { isLongRunningRequest } from './long-running';

/**
 * WithTimeoutForNonLongRunningRequests: --request-timeout (shortened by a request's ?timeout=)
 * bounds every non-watch request; when it passes the client gets a 504 Timeout Status and the
 * handler's late answer is dropped (its AbortSignal fires so it can stop early).
 */
export function withRequestTimeout(defaultTimeoutMs: number): Middleware {
  return async (ctx, next) => {
    if (isLongRunningRequest(ctx) || defaultTimeoutMs <= 0) return next();
    let timeoutMs = defaultTimeoutMs;
    const param = ctx.query.timeout;
    const given = Array.isArray(param) ? param[0] : param;
    if (given) {
      const parsed = parseGoDuration(given);
      if (parsed === undefined) {
        writeError(ctx, newBadRequest(`invalid timeout specified in the request URL: time: invalid duration ${JSON.stringify(given)}`));
        return;
      }
      if (parsed > 0 && parsed < timeoutMs) timeoutMs = parsed;
    }
    const abort = new AbortController();
    ctx.state.signal = abort.signal;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const handled = next().then(() => 'done' as const);
    try {
      const outcome = await Promise.race([handled, expired]);
      if (outcome === 'timeout') {
        abort.abort();
        // The handler keeps running; whatever it does later must not reach this response.
        handled.catch(() => undefined);
        writeError(ctx, newTimeoutError('Timeout: request did not complete within requested timeout - context deadline exceeded', 0));
        ctx.state.timedOut = true;
      }
    } finally {
      clearTimeout(timer);
    }
  };
}
