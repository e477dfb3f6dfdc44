import type { Middleware } from 'koa';
import { newBadRequest, newTimeoutError } from '../../api/errors';
import { writeError } from '../../endpoints/handlers/response';
import { isLongRunningRequest } from './long-running';

/** A Go duration as clients send ?timeout= ("30s", "1m30s", "500ms", "2h"). */
export function parseGoDuration(s: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  if (s === '0') return 0;
  let ms = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return undefined;
    ms += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  return pos > 0 ? ms : undefined;
}

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
