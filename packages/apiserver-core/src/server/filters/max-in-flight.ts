import type { Middleware } from 'koa';
import { newTooManyRequests } from '../../api/errors';
import { writeError } from '../../endpoints/handlers/response';
import { isLongRunningRequest, isMutatingRequest } from './long-running';

export interface InFlightLimits {
  /** --max-requests-inflight (read-only requests); 0 disables the limit. */
  maxRequestsInFlight: number;
  /** --max-mutating-requests-inflight; 0 disables the limit. */
  maxMutatingRequestsInFlight: number;
  /** Called when the number of requests in flight changes, for apiserver_current_inflight_requests. */
  observe?: (kind: 'readOnly' | 'mutating', current: number) => void;
}

/**
 * WithMaxInFlightLimit: two pools of concurrent requests, read-only and mutating; a request that
 * finds its pool full is refused at once with 429 and Retry-After: 1. Long-running requests
 * (watches) are not counted.
 */
export function withMaxInFlightLimit(limits: InFlightLimits): Middleware {
  const current = { readOnly: 0, mutating: 0 };
  return async (ctx, next) => {
    if (isLongRunningRequest(ctx)) return next();
    const kind = isMutatingRequest(ctx) ? 'mutating' : 'readOnly';
    const limit = kind === 'mutating' ? limits.maxMutatingRequestsInFlight : limits.maxRequestsInFlight;
    if (limit > 0 && current[kind] >= limit) {
      writeError(ctx, newTooManyRequests('Too many requests, please try again later.', 1));
      return;
    }
    current[kind]++;
    limits.observe?.(kind, current[kind]);
    try {
      await next();
    } finally {
      current[kind]--;
      limits.observe?.(kind, current[kind]);
    }
  };
}
