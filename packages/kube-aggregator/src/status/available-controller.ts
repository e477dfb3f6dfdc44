import { isUpdater, type KObject, type Storage } from '@kapi/apiserver-core';
import { availableCondition, isLocal, type APIService, type APIServiceCondition } from '../apis/apiservice/types';
import type { APIServiceCache } from '../apiservice-cache';
import { getFromService, serviceURL } from '../proxy/service-client';
import type { ProxyTransport } from '../proxy/proxy-transport';
import { ServiceResolutionError } from '../proxy/service-resolver';

/** The outcome of one check: the Available condition to write, and the discovery document when it passed. */
export interface AvailabilityResult {
  condition: Omit<APIServiceCondition, 'lastTransitionTime'>;
  discovery?: unknown;
}

export interface AvailableConditionOptions {
  /** How often every remote APIService is checked (kube re-checks on each resync). */
  intervalMs: number;
  /** The discovery check's deadline (kube: 5s). */
  timeoutMs: number;
  /** Told each remote check's outcome: remote discovery publishes the group-version's resources from it. */
  onChecked?: (s: APIService, result: AvailabilityResult) => void | Promise<void>;
}

const unavailable = (reason: string, message: string): AvailabilityResult => ({ condition: { type: 'Available', status: 'False', reason, message } });

/** The discovery check: the group-version's discovery document must come back 2xx and be an APIResourceList. */
async function checkRemote(transport: ProxyTransport, s: APIService, timeoutMs: number): Promise<AvailabilityResult> {
  const path = `/apis/${s.spec?.group}/${s.spec?.version}`;
  const url = serviceURL(s, path);
  let res;
  try {
    res = await getFromService(transport, s, path, timeoutMs);
  } catch (err) {
    if (err instanceof ServiceResolutionError) return unavailable(err.reason, err.message);
    return unavailable('FailedDiscoveryCheck', `failing or missing response from ${url}: ${(err as Error).message}`);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    return unavailable('FailedDiscoveryCheck', `failing or missing response from ${url}: bad status from ${url}: ${res.statusCode}`);
  }
  let doc: { kind?: string; resources?: unknown } | undefined;
  try {
    doc = JSON.parse(res.body.toString('utf8'));
  } catch {
    doc = undefined;
  }
  if (doc?.kind !== 'APIResourceList' || !Array.isArray(doc.resources)) {
    return unavailable('FailedDiscoveryCheck', `failing or missing response from ${url}: not an APIResourceList`);
  }
  return { condition: { type: 'Available', status: 'True', reason: 'Passed', message: 'all checks passed' }, discovery: doc };
}

/**
 * The APIService availability controller (kube-aggregator/pkg/controllers/status): local APIServices
 * are Available (reason Local); a remote one is Available when its Service resolves and its server
 * answers the group-version's discovery document, else False with kube's reason (ServiceNotFound,
 * ServicePortError, MissingEndpoints, FailedDiscoveryCheck). The condition is written through
 * apiservices/status only when it changes; the proxy answers 503 while it is False.
 */
export class AvailableConditionController {
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly cache: APIServiceCache,
    private readonly statusStore: Storage,
    private readonly transport: ProxyTransport,
    private readonly opts: AvailableConditionOptions,
  ) {}

  start(): void {
    this.cache.onChange(() => this.schedule());
    this.timer = setInterval(() => this.schedule(), this.opts.intervalMs);
    this.timer.unref();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** One pass at a time; a change during a pass runs another after it. */
  private schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.syncAll().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
  }

  private async syncAll(): Promise<void> {
    await this.cache.waitForSync();
    await Promise.all(this.cache.list().map((s) => this.sync(s).catch(() => undefined)));
  }

  private async sync(s: APIService): Promise<void> {
    if (isLocal(s)) {
      await this.writeCondition(s, { type: 'Available', status: 'True', reason: 'Local', message: 'Local APIServices are always available' });
      return;
    }
    const result = await checkRemote(this.transport, s, this.opts.timeoutMs);
    if (this.stopped) return;
    await this.opts.onChecked?.(s, result);
    await this.writeCondition(s, result.condition);
  }

  private async writeCondition(s: APIService, want: Omit<APIServiceCondition, 'lastTransitionTime'>): Promise<void> {
    const have = availableCondition(s);
    if (have && have.status === want.status && have.reason === want.reason && have.message === want.message) return;
    if (!isUpdater(this.statusStore)) return;
    const name = s.metadata?.name ?? '';
    await this.statusStore.update(
      {},
      name,
      {
        preconditions: () => undefined,
        updatedObject: async (_ctx, old) => {
          if (!old) throw new Error(`apiservice ${name} is gone`);
          const obj = structuredClone(old) as APIService;
          const prior = availableCondition(obj);
          // lastTransitionTime moves only when the status does (apihelpers.SetAPIServiceCondition).
          const lastTransitionTime =
            prior && prior.status === want.status && prior.lastTransitionTime ? prior.lastTransitionTime : new Date().toISOString().replace(/\.\d+Z$/, 'Z');
          const others = (obj.status?.conditions ?? []).filter((c) => c.type !== 'Available');
          obj.status = { ...obj.status, conditions: [...others, { ...want, lastTransitionTime }] };
          return obj as KObject;
        },
      },
      undefined,
      undefined,
      false,
      {},
    );
  }
}
