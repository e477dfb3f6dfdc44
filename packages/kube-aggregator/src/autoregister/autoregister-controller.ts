import { isDeepStrictEqual } from 'node:util';
import { CoalescedSync, StoreInformer, isCreater, isGracefulDeleter, isUpdater, type KObject, type Lister, type Storage, type Watcher } from '@kapi/apiserver-core';
import type { APIService, APIServiceSpec } from '../apis/apiservice/types';
import { builtinPriority, customResourcePriority } from './priorities';

/** kube-aggregator's autoregister label: "onstart" for the server's own group-versions, "true" for CRDs' (kept in sync). */
export const automanagedLabel = 'kube-aggregator.kubernetes.io/automanaged';

/** A group-version this process serves itself, and who brought it. */
export interface LocalGroupVersion {
  group: string;
  version: string;
  /** 'onstart': built-in and plugin groups; 'true': a CRD's, which comes and goes at run time. */
  managed: 'onstart' | 'true';
}

/** `<version>.<group>`; the legacy group's is "v1." (its group is empty). */
export const apiServiceName = (group: string, version: string): string => `${version}.${group}`;

function desiredAPIService(gv: LocalGroupVersion): APIService {
  const priority = gv.managed === 'true' ? customResourcePriority : builtinPriority(gv.group ? `${gv.group}/${gv.version}` : gv.version);
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: apiServiceName(gv.group, gv.version), labels: { [automanagedLabel]: gv.managed } },
    spec: { group: gv.group, version: gv.version, groupPriorityMinimum: priority.group, versionPriority: priority.version },
  };
}

/**
 * The autoregister controller (kube-aggregator/pkg/controllers/autoregister, fed by kube-apiserver's
 * static list and crdregistration): one local APIService for every group-version this process serves
 * — built-in groups, plugin groups and established CRDs — created when missing, put back when changed
 * or deleted, and removed when its group-version goes (a CRD's). APIServices without the label belong
 * to users and are left alone.
 */
export class AutoRegisterController {
  private readonly cache = new Map<string, APIService>();
  private readonly informer: StoreInformer;
  private readonly syncs = new CoalescedSync(() => this.sync());
  private timer?: NodeJS.Timeout;
  private lastWanted = '';

  constructor(
    private readonly apiServices: Storage,
    private readonly localGroupVersions: () => LocalGroupVersion[],
    private readonly pollMs = 500,
  ) {
    this.informer = new StoreInformer(apiServices as Storage & Lister & Watcher, {
      replace: (items) => {
        this.cache.clear();
        for (const o of items) this.cache.set(o.metadata?.name ?? '', o as APIService);
        this.syncs.schedule();
      },
      upsert: (o) => {
        this.cache.set(o.metadata?.name ?? '', o as APIService);
        this.syncs.schedule();
      },
      remove: (o) => {
        this.cache.delete(o.metadata?.name ?? '');
        this.syncs.schedule();
      },
    });
  }

  start(): void {
    this.informer.start();
    // CRD group-versions come and go without an event this package can subscribe to: look for a change often.
    this.timer = setInterval(() => {
      const wanted = JSON.stringify(this.localGroupVersions());
      if (wanted !== this.lastWanted) this.syncs.schedule();
    }, this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.syncs.stop();
    this.informer.stop();
  }

  /** Resolves once the informer listed and the syncs scheduled so far are done (post-start hook, tests). */
  async waitForSync(): Promise<void> {
    await this.informer.waitForSync();
    await this.syncs.idle();
  }

  private async sync(): Promise<void> {
    if (!this.informer.hasSynced) return;
    const local = this.localGroupVersions();
    this.lastWanted = JSON.stringify(local);
    const desired = new Map(local.map((gv) => [apiServiceName(gv.group, gv.version), desiredAPIService(gv)]));
    for (const [name, want] of desired) {
      if (this.syncs.isStopped) return;
      const have = this.cache.get(name);
      if (!have) await this.create(want);
      else if (have.metadata?.labels?.[automanagedLabel] && !isDeepStrictEqual(have.spec, want.spec)) await this.updateSpec(name, want.spec!);
    }
    for (const [name, have] of this.cache) {
      if (!desired.has(name) && have.metadata?.labels?.[automanagedLabel]) await this.delete(name);
    }
  }

  // Failures are left to the next event: a conflict or an object already there comes back through the informer.
  private async create(obj: APIService): Promise<void> {
    if (!isCreater(this.apiServices)) return;
    await this.apiServices.create({}, obj, undefined, {}).catch(() => undefined);
  }

  private async updateSpec(name: string, spec: APIServiceSpec): Promise<void> {
    if (!isUpdater(this.apiServices)) return;
    await this.apiServices
      .update(
        {},
        name,
        {
          preconditions: () => undefined,
          updatedObject: async (_ctx, old) => {
            if (!old) throw new Error(`apiservice ${name} is gone`);
            return { ...(structuredClone(old) as KObject), spec };
          },
        },
        undefined,
        undefined,
        false,
        {},
      )
      .catch(() => undefined);
  }

  private async delete(name: string): Promise<void> {
    if (!isGracefulDeleter(this.apiServices)) return;
    await this.apiServices.delete({}, name, undefined, {}).catch(() => undefined);
  }
}
