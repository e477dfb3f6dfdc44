import type { Context, Middleware } from 'koa';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestInfo } from '../rest/context';
import { resolveRequestInfo } from '../server/filters/request-info';

/** The request duration buckets of kube-apiserver's apiserver_request_duration_seconds. */
const durationBuckets = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

const requestLabels = ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component'] as const;

/** Counts the objects stored for one resource (Store.count), for apiserver_storage_objects. */
export interface ObjectCounter {
  resource: string;
  count(): Promise<number>;
}

/**
 * The apiserver's metrics (k8s.io/apiserver/pkg/endpoints/metrics) in one prom-client registry
 * per server: request counts and latencies by verb and resource, requests in flight, and the
 * number of stored objects per resource.
 */
export class APIServerMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'apiserver_request_total',
    help: 'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
    labelNames: [...requestLabels, 'code'],
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'apiserver_request_duration_seconds',
    help: 'Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
    labelNames: [...requestLabels],
    buckets: durationBuckets,
    registers: [this.registry],
  });
  private readonly inflight = new Gauge({
    name: 'apiserver_current_inflight_requests',
    help: 'Maximal number of currently used inflight request limit of this apiserver per request kind in last second.',
    labelNames: ['request_kind'],
    registers: [this.registry],
  });
  private readonly counters: ObjectCounter[] = [];
  private lastCount = new Map<string, number>();
  private lastPoll = 0;

  constructor(private readonly countPollPeriodMs = 1000) {
    const metrics = this;
    new Gauge({
      name: 'apiserver_storage_objects',
      help: 'Number of stored objects at the time of last check split by kind.',
      labelNames: ['resource'],
      registers: [this.registry],
      // Counted when scraped, at most once per poll period (kube-apiserver polls on a timer).
      async collect() {
        await metrics.pollCounts();
        this.reset();
        for (const [resource, n] of metrics.lastCount) this.set({ resource }, n);
      },
    });
    this.inflight.set({ request_kind: 'readOnly' }, 0);
    this.inflight.set({ request_kind: 'mutating' }, 0);
  }

  addObjectCounter(counter: ObjectCounter): void {
    this.counters.push(counter);
  }

  observeInflight(kind: 'readOnly' | 'mutating', current: number): void {
    this.inflight.set({ request_kind: kind }, current);
  }

  private async pollCounts(): Promise<void> {
    if (Date.now() - this.lastPoll < this.countPollPeriodMs) return;
    this.lastPoll = Date.now();
    const next = new Map<string, number>();
    for (const c of this.counters) {
      // A resource whose storage cannot count right now reports -1, as kube-apiserver does.
      next.set(c.resource, await c.count().catch(() => -1));
    }
    this.lastCount = next;
  }

  /** InstrumentRouteFunc for every request: labels from the resolved RequestInfo (empty for non-resource paths). */
  instrument(): Middleware {
    return async (ctx, next) => {
      const start = process.hrtime.bigint();
      try {
        await next();
      } finally {
        const labels = requestMetricLabels(ctx);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        this.requests.inc({ ...labels, code: String(ctx.status) });
        this.durations.observe(labels, seconds);
      }
    };
  }
}

const verbs: Record<string, string> = {
  get: 'GET',
  list: 'LIST',
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETECOLLECTION',
  connect: 'CONNECT',
};

/** cleanVerb/CleanScope of the endpoints metrics: LIST with watch=true is WATCH, apply patches are APPLY. */
function requestMetricLabels(ctx: Context): Record<(typeof requestLabels)[number], string> {
  // The installer's RequestInfo when the request was routed; the path's otherwise (refused by a filter).
  const info = (ctx.state.requestInfo as RequestInfo | undefined) ?? resolveRequestInfo(ctx);
  const dryRun = ctx.query.dryRun;
  const dry = (Array.isArray(dryRun) ? dryRun : dryRun ? [dryRun] : []).join(',');
  if (!info) {
    return { verb: ctx.method, dry_run: dry, group: '', version: '', resource: '', subresource: '', scope: '', component: 'apiserver' };
  }
  let verb = info.verb === 'watch' ? 'WATCH' : (verbs[info.verb] ?? info.verb.toUpperCase());
  const watch = String(ctx.query.watch ?? '').toLowerCase();
  if (verb === 'LIST' && (watch === 'true' || watch === '1')) verb = 'WATCH';
  if (verb === 'PATCH' && ctx.get('Content-Type').startsWith('application/apply-patch')) verb = 'APPLY';
  const scope = info.name || info.verb === 'create' ? 'resource' : info.namespace ? 'namespace' : 'cluster';
  return {
    verb,
    dry_run: dry,
    group: info.apiGroup,
    version: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    scope,
    component: 'apiserver',
  };
}
