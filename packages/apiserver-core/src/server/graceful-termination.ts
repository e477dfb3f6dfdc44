import type http from 'node:http';
import type { Middleware } from 'koa';
import type { Watch } from '../storage/watch';
import { isLongRunningRequest } from './filters/long-running';

/** Graceful termination settings (kube's --shutdown-* flags). */
export interface ShutdownOptions {
  /** --shutdown-delay-duration: /readyz fails at once, requests are still served this long (default 0). */
  shutdownDelayMs?: number;
  /**
   * --shutdown-send-retry-after: the listener stays open until in-flight requests have drained, and
   * new requests get 429 with Retry-After and Connection: close; without it the listener closes.
   */
  sendRetryAfter?: boolean;
  /** --shutdown-watch-termination-grace-period: how long watches may take to end (default 0: ended at once). */
  watchTerminationGracePeriodMs?: number;
}

/** Health probes and metrics are served to the end, as kube's WithRetryAfter exempts them. */
const exemptPrefixes = ['/readyz', '/livez', '/healthz', '/metrics'];

/** Reads and drops what is left of a request body, for at most a second. */
function discardBody(req: http.IncomingMessage): Promise<void> {
  if (req.readableEnded || req.complete) return Promise.resolve();
  return new Promise<void>((resolve) => {
    req.once('end', resolve).once('close', resolve).once('error', resolve);
    setTimeout(resolve, 1000).unref();
    req.resume();
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The lifecycle signals of kube's graceful termination (ShutdownInitiated, NotAcceptingNewRequest,
 * InFlightRequestsDrained) and the filter that acts on them: it counts in-flight non-long-running
 * requests until their responses are written, turns keep-alive off once new requests are no
 * longer accepted (Go's net/http does the same after Server.Shutdown), and answers new requests
 * then with kube's 429 "The apiserver is shutting down" (kube answers 503 on a connection that
 * survived; 429 keeps clients retrying without a 5xx).
 */
export class GracefulTermination {
  shutdownInitiated = false;
  notAcceptingNewRequests = false;
  private readonly inFlight = new Set<http.ServerResponse>();
  private onDrained?: () => void;

  filter(): Middleware {
    return async (ctx, next) => {
      if (this.notAcceptingNewRequests) {
        ctx.set('Connection', 'close');
        const exempt = exemptPrefixes.some((p) => ctx.path.startsWith(p)) || (ctx.get('User-Agent') ?? '').startsWith('kube-apiserver/');
        if (!exempt) {
          ctx.set('Retry-After', '5');
          ctx.set('X-Content-Type-Options', 'nosniff');
          ctx.status = 429;
          ctx.type = 'text/plain; charset=utf-8';
          ctx.body = 'The apiserver is shutting down, please try again later.\n';
          // Closing a connection with an unread body in it resets it, and the client would see
          // ECONNRESET instead of the 429 (Go's net/http reads the rest for the same reason).
          await discardBody(ctx.req);
          return;
        }
      }
      if (isLongRunningRequest(ctx)) return next();
      const res = ctx.res;
      this.inFlight.add(res);
      // Counted until the response has left, so closing the connections afterwards cuts nothing.
      res.once('close', () => {
        this.inFlight.delete(res);
        if (this.inFlight.size === 0) this.onDrained?.();
      });
      return next();
    };
  }

  /** NotAcceptingNewRequest: responses still to be written close their connection. */
  stopAcceptingNewRequests(): void {
    this.notAcceptingNewRequests = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
  }

  /** Resolves once no non-long-running request is in flight, or after `boundMs` (--request-timeout bounds them). */
  async drained(boundMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return true;
    const done = new Promise<true>((resolve) => (this.onDrained = () => resolve(true)));
    return Promise.race([done, sleep(boundMs).then(() => false as const)]);
  }
}

/**
 * Ends open watches so that each client sees its stream end, not a reset. With a grace period they
 * are ended at a rate that spreads them over it (at least 200 a second, as kube), and the wait for
 * them is bounded by it; without one they are all ended at once and given a second to flush.
 */
export async function endWatches(watches: Set<Watch>, gracePeriodMs: number): Promise<boolean> {
  const deadline = Date.now() + (gracePeriodMs > 0 ? gracePeriodMs : 1000);
  const open = [...watches];
  const perSecond = gracePeriodMs > 0 ? Math.max(open.length / (gracePeriodMs / 1000), 200) : Infinity;
  for (const w of open) {
    w.stop();
    if (perSecond !== Infinity) await sleep(1000 / perSecond);
  }
  // A watch that passed the filters just before and registers now is ended too.
  while (watches.size > 0 && Date.now() < deadline) {
    for (const w of watches) w.stop();
    await sleep(20);
  }
  return watches.size === 0;
}
