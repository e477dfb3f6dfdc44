import {
  FieldSelector,
  realClock,
  isCollectionDeleter,
  isGracefulDeleter,
  isLister,
  isScoper,
  isStatusError,
  isUpdater,
  LabelSelector,
  type APIGroupInfo,
  type Clock,
  type KObject,
  type Lister,
  type Storage,
} from '@kapi/apiserver-core';
import { NamespaceInformer } from './namespace-informer';

const everything = () => ({ labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });

/** The finalizer kube-apiserver puts in spec.finalizers and this controller removes. */
export const kubernetesFinalizer = 'kubernetes';

/**
 * The namespace controller (pkg/controller/namespace), run in-process: for a namespace being
 * deleted it deletes its content in every installed group, removes the `kubernetes` finalizer
 * through namespaces/finalize, then deletes the namespace — so `kubectl delete namespace` completes.
 */
export class NamespaceController {
  private readonly informer?: NamespaceInformer;
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly groups: ReadonlyMap<string, APIGroupInfo>,
    /** When a namespace with content left is looked at again (and its conditions' times): a test's clock moves it. */
    private readonly clock: Clock = realClock,
  ) {
    const namespaces = this.legacy('namespaces');
    if (namespaces) this.informer = new NamespaceInformer(namespaces, (ns) => this.enqueue(ns), 5_000);
  }

  private legacy(path: string): Storage | undefined {
    return this.groups.get('')?.versionedResourcesStorageMap.v1?.[path];
  }

  start(): void {
    this.informer?.start();
  }

  stop(): void {
    this.stopped = true;
    this.informer?.stop();
  }

  private enqueue(ns: KObject): void {
    const name = ns.metadata?.name;
    if (!name || !ns.metadata?.deletionTimestamp || this.stopped) return;
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    const run = this.sync(name)
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(name);
        if (this.again.delete(name)) void this.retry(name);
      });
    this.running.set(name, run);
  }

  private async retry(name: string): Promise<void> {
    const namespaces = this.legacy('namespaces') as (Storage & { get(ctx: object, n: string, o: object): Promise<KObject> }) | undefined;
    const ns = await namespaces?.get({}, name, {}).catch(() => undefined);
    if (ns) this.enqueue(ns);
  }

  /**
   * Deletes everything namespaced under name in every live group (built-ins, plugin kinds, custom
   * resources); returns what is left, as "resource: count", and the resources whose deletion failed.
   */
  async deleteContent(name: string): Promise<{ remaining: Map<string, number>; failures: string[] }> {
    const ctx = { namespace: name };
    const remaining = new Map<string, number>();
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const [group, info] of this.groups) {
      for (const gv of info.prioritizedVersions) {
        for (const [path, storage] of Object.entries(info.versionedResourcesStorageMap[gv.version] ?? {})) {
          if (path.includes('/') || seen.has(`${group}/${path}`)) continue;
          if (!isScoper(storage) || !storage.namespaceScoped() || !isLister(storage)) continue;
          seen.add(`${group}/${path}`);
          const gr = group ? `${path}.${group}` : path;
          try {
            await this.deleteAllOf(ctx, storage);
            const left = (await storage.list(ctx, everything())).items.length;
            if (left > 0) remaining.set(gr, left);
          } catch (err) {
            failures.push(`failed to delete ${gr}: ${(err as Error).message}`);
          }
        }
      }
    }
    return { remaining, failures };
  }

  /** deleteAllContentForGroupVersionResource: the collection at once, or item by item where that is all it offers. */
  private async deleteAllOf(ctx: { namespace: string }, storage: Storage & Lister): Promise<void> {
    if (isCollectionDeleter(storage)) {
      await storage.deleteCollection(ctx, undefined, { propagationPolicy: 'Background' }, everything());
    } else if (isGracefulDeleter(storage)) {
      for (const item of (await storage.list(ctx, everything())).items) {
        await storage.delete(ctx, item.metadata?.name ?? '', undefined, { propagationPolicy: 'Background' }).catch((err) => {
          if (!(isStatusError(err) && err.code === 404)) throw err;
        });
      }
    }
  }

  /** The deletion conditions kube's namespace controller reports while content remains or could not be deleted. */
  private async reportRemaining(name: string, remaining: Map<string, number>, failures: string[]): Promise<void> {
    const status = this.legacy('namespaces/status');
    if (!status || !isUpdater(status)) return;
    const now = new Date(this.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    const kinds = [...remaining.keys()].sort();
    const count = [...remaining.values()].reduce((a, b) => a + b, 0);
    const content =
      failures.length > 0
        ? {
            type: 'NamespaceDeletionContentFailure',
            status: 'True',
            reason: 'ContentDeletionFailed',
            message: `Failed to delete all resource types, ${failures.length} remaining: ${failures.join(', ')}`,
          }
        : { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' };
    const conditions = [
      // In-process, every served resource is known: discovery cannot fail partway.
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      content,
      remaining.size > 0
        ? {
            type: 'NamespaceContentRemaining',
            status: 'True',
            reason: 'SomeResourcesRemain',
            message: `Some resources are remaining: ${kinds.map((k) => `${k} has ${remaining.get(k)} resource instances`).join(', ')}`,
          }
        : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
      remaining.size > 0
        ? {
            type: 'NamespaceFinalizersRemaining',
            status: 'True',
            reason: 'SomeFinalizersRemain',
            message: `Some content in the namespace has finalizers remaining (${count} objects)`,
          }
        : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ].map((c) => ({ ...c, lastTransitionTime: now }));
    await status
      .update(
        {},
        name,
        {
          preconditions: () => undefined,
          updatedObject: async (_ctx, old) => {
            const cur = structuredClone(old ?? {}) as KObject;
            const prev = (cur.status as { conditions?: { type: string; status: string; message?: string }[] } | undefined)?.conditions ?? [];
            // Keep the transition time of a condition that did not change, as conditions do.
            const merged = conditions.map((c) => {
              const was = prev.find((p) => p.type === c.type);
              return was && was.status === c.status && was.message === c.message ? was : c;
            });
            cur.status = { ...((cur.status as object) ?? {}), phase: 'Terminating', conditions: merged };
            return cur;
          },
        },
        undefined,
        undefined,
        false,
        {},
      )
      .catch(() => undefined);
  }

  /** One pass of syncNamespaceFromKey: empty it, finalize it, delete it; retried on the next event or resync. */
  async sync(name: string): Promise<void> {
    const { remaining, failures } = await this.deleteContent(name);
    if (remaining.size > 0 || failures.length > 0) {
      await this.reportRemaining(name, remaining, failures);
      this.clock.afterFunc(1000, () => void this.retry(name));
      return;
    }
    const finalize = this.legacy('namespaces/finalize');
    let finalizers: string[] = [];
    if (finalize && isUpdater(finalize)) {
      const { obj } = await finalize.update(
        {},
        name,
        {
          preconditions: () => undefined,
          updatedObject: async (_ctx, old) => {
            const cur = structuredClone(old ?? {}) as KObject;
            const spec = (cur.spec ?? {}) as { finalizers?: string[] };
            cur.spec = { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== kubernetesFinalizer) };
            return cur;
          },
        },
        undefined,
        undefined,
        false,
        {},
      );
      finalizers = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    }
    const namespaces = this.legacy('namespaces');
    if (finalizers.length === 0 && namespaces && isGracefulDeleter(namespaces)) {
      await namespaces.delete({}, name, undefined, {}).catch((err) => {
        if (!(isStatusError(err) && err.code === 404)) throw err;
      });
    }
  }
}
