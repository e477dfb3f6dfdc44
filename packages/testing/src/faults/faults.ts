import { newInternalError, newResourceExpired, newServiceUnavailable, newTooManyRequests, StatusError, type RequestInfo } from '@kapi/apiserver-core';
import { durationMs } from '../duration';
import { matches, type RequestMatch } from './request-match';
import type { UnavailableKV } from './unavailable-kv';

/** An injected answer or delay; `times` counts down to its removal (unset: until removed). */
interface Rule {
  match: RequestMatch;
  times?: number;
  error?: StatusError;
  delayMs?: number;
}

/** A fault the test can take back. */
export interface FaultHandle {
  /** How many requests it acted on. */
  readonly hits: number;
  remove(): void;
}

/** A watch stream the filter is serving, so that it can be cut. */
export interface OpenWatch {
  info: RequestInfo;
  drop(): void;
}

export interface RespondOptions {
  /** 429 (TooManyRequests, with Retry-After), 500 (InternalError) or 503 (ServiceUnavailable). */
  code: 429 | 500 | 503;
  /** Retry-After of a 429 (default 1, as kube's max-in-flight and priority-and-fairness rejections). */
  retryAfterSeconds?: number;
  message?: string;
  /** Only the next n matching requests; default: until removed. */
  times?: number;
}

/**
 * The faults a test turns on and off. Kept apart from the HTTP filter (fault-filter.ts) that acts
 * on them, so the test's side is plain method calls.
 */
export class Faults {
  private rules: (Rule & { hits: number })[] = [];
  private expiring: { match: RequestMatch; message: string }[] = [];
  readonly openWatches = new Set<OpenWatch>();

  private switchable?: UnavailableKV;

  /** The storage switch of the kit's backend, once the server has built it. */
  attachStorage(switchable: UnavailableKV): void {
    this.switchable = switchable;
  }

  /** Matching requests are answered with a Status of `code` instead of being served (nothing is stored). */
  respond(match: RequestMatch, opts: RespondOptions): FaultHandle {
    return this.add({ match, times: opts.times, error: statusFor(opts) });
  }

  /** Matching requests wait `latency` ("500ms", or milliseconds of real time) before being served. */
  delay(match: RequestMatch, latency: number | string, opts: { times?: number } = {}): FaultHandle {
    return this.add({ match, times: opts.times, delayMs: durationMs(latency) });
  }

  /**
   * The next matching watch gets one ERROR event with 410 Expired, as from a watch cache whose
   * history no longer reaches the client's resourceVersion, and its stream ends: informers re-list.
   */
  expireNextWatch(match: RequestMatch = {}): void {
    this.expiring.push({ match: { ...match, verbs: ['watch'] }, message: 'too old resource version: injected by @kapi/testing' });
  }

  /** Cuts the connections of the open watch streams that match (a network drop); returns how many. */
  dropWatches(match: RequestMatch = {}): number {
    let n = 0;
    for (const w of [...this.openWatches]) {
      if (!matches(match, w.info)) continue;
      this.openWatches.delete(w);
      w.drop();
      n++;
    }
    return n;
  }

  /** Storage becomes unreachable (reads and writes 504 as with etcd down; readyz fails) until `storageAvailable()`. */
  storageUnavailable(): void {
    if (!this.switchable) throw new Error('this server does not run on the kit storage');
    this.switchable.down = true;
  }

  storageAvailable(): void {
    if (this.switchable) this.switchable.down = false;
  }

  /** Every fault off: rules, pending watch expiries, storage up. Open watches are left alone. */
  clear(): void {
    this.rules = [];
    this.expiring = [];
    this.storageAvailable();
  }

  /** The filter's question: a 410 for this watch? Consumes the expiry it returns. */
  takeWatchExpiry(info: RequestInfo): StatusError | undefined {
    const i = this.expiring.findIndex((e) => matches(e.match, info));
    if (i < 0) return undefined;
    const [e] = this.expiring.splice(i, 1);
    return newResourceExpired(e.message);
  }

  /** The filter's question: what to do with this request (delay first, then answer or serve). */
  take(info: RequestInfo): { delayMs: number; error?: StatusError } {
    let delayMs = 0;
    let error: StatusError | undefined;
    for (const r of [...this.rules]) {
      if (!matches(r.match, info)) continue;
      if (r.delayMs === undefined && error) continue;
      r.hits++;
      if (r.times !== undefined && --r.times <= 0) this.rules = this.rules.filter((x) => x !== r);
      if (r.delayMs !== undefined) delayMs += r.delayMs;
      else error = r.error;
    }
    return { delayMs, error };
  }

  private add(rule: Rule): FaultHandle {
    const r = { ...rule, hits: 0 };
    this.rules.push(r);
    return {
      get hits() {
        return r.hits;
      },
      remove: () => void (this.rules = this.rules.filter((x) => x !== r)),
    };
  }
}

function statusFor(opts: RespondOptions): StatusError {
  switch (opts.code) {
    case 429:
      return newTooManyRequests(opts.message ?? 'Too many requests, please try again later.', opts.retryAfterSeconds ?? 1);
    case 503:
      return newServiceUnavailable(opts.message ?? 'the server is currently unable to handle the request');
    case 500:
      return newInternalError(new Error(opts.message ?? 'injected by @kapi/testing'));
    default:
      throw new Error(`@kapi/testing answers 429, 500 or 503, not ${String(opts.code)}`);
  }
}
