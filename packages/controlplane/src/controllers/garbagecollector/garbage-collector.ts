import { isCreater, isStatusError, StoreInformer, type APIGroupInfo, type DeleteOptions, type KObject } from '@kapi/apiserver-core';
import { foregroundFinalizer, Graph, isDeletingDependents, nodeKey, nodeOf, orphanFinalizer, type Node, type OwnerReference } from './graph';
import { collectableResources, resourceForKind, type CollectableResource } from './resources';

/** An owner as attemptToDeleteItem classifies it (classifyReferences). */
type OwnerState = 'solid' | 'dangling' | 'waiting' | 'invalid';

/** How long the worker waits for monitors to list before it goes on without them (kube's resync wait). */
const cacheSyncTimeoutMs = 30_000;

/** The object went away while the collector was changing it: nothing left to do. */
class Gone extends Error {}

/**
 * The garbage collector (pkg/controller/garbagecollector), in-process: one informer per resource of
 * every live group keeps the dependency graph; changes enqueue objects, and a single worker runs
 * kube's three decisions on each:
 * - an owner deleted with the `orphan` finalizer: its dependents lose the ownerReference, then the finalizer goes;
 * - an owner deleted with `foregroundDeletion`: its dependents are deleted, and the finalizer goes once
 *   no dependent with blockOwnerDeletion is left;
 * - a dependent whose owners are all gone (absent, or another uid) or deleting in the foreground is deleted
 *   (Background, or as its own finalizers ask); one with a live owner only loses the references to the others.
 * Resources appear and go with the groups (a CRD established later is watched at the next resync).
 */
export class GarbageCollector {
  private readonly graph = new Graph();
  private readonly monitors = new Map<string, { resource: CollectableResource; informer: StoreInformer }>();
  private readonly queue = new Set<string>();
  private readonly reported = new Set<string>();
  private draining = false;
  private stopped = false;
  private resync?: NodeJS.Timeout;

  constructor(
    private readonly groups: ReadonlyMap<string, APIGroupInfo>,
    private readonly resyncMs = 5_000,
  ) {}

  start(): void {
    this.syncMonitors();
    this.resync = setInterval(() => this.syncMonitors(), this.resyncMs);
    this.resync.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.resync) clearInterval(this.resync);
    for (const m of this.monitors.values()) m.informer.stop();
    this.monitors.clear();
  }

  /** Resolves once every current monitor has listed (tests; kube's WaitForCacheSync). */
  async waitForSync(): Promise<void> {
    await Promise.all([...this.monitors.values()].map((m) => m.informer.waitForSync()));
  }

  /** resyncMonitors: a monitor per served resource; a resource no longer served drops its monitor and nodes. */
  private syncMonitors(): void {
    if (this.stopped) return;
    const wanted = collectableResources(this.groups);
    for (const [key, m] of this.monitors) {
      if (wanted.get(key)?.storage === m.resource.storage) continue;
      m.informer.stop();
      this.monitors.delete(key);
      for (const k of this.graph.keysOf(key)) this.removed(k);
    }
    for (const [key, resource] of wanted) {
      if (this.monitors.has(key)) continue;
      const informer = new StoreInformer(resource.storage, {
        replace: (items) => this.replace(resource, items),
        upsert: (obj) => this.observed(resource, obj),
        remove: (obj) => this.removed(nodeKey(resource.key, obj.metadata?.namespace ?? '', obj.metadata?.name ?? '')),
      });
      this.monitors.set(key, { resource, informer });
      informer.start();
    }
  }

  private replace(resource: CollectableResource, items: KObject[]): void {
    const seen = new Set<string>();
    for (const obj of items) {
      const n = this.observed(resource, obj);
      if (n) seen.add(n.key);
    }
    for (const k of this.graph.keysOf(resource.key)) if (!seen.has(k)) this.removed(k);
  }

  /** processGraphChanges for an add or update: what changed decides who is looked at again. */
  private observed(resource: CollectableResource, obj: KObject): Node | undefined {
    const n = nodeOf(resource, obj);
    if (!n) return undefined;
    const old = this.graph.upsert(n);
    if (n.ownerReferences.length > 0 || (n.deleting && (n.finalizers.includes(orphanFinalizer) || n.finalizers.includes(foregroundFinalizer)))) {
      this.enqueue(n.key);
    }
    // An owner that starts deleting its dependents in the foreground: each dependent is reconsidered.
    if (isDeletingDependents(n) && !(old && isDeletingDependents(old))) for (const d of this.graph.dependentsOf(n.uid)) this.enqueue(d.key);
    // A dependent dropped a reference: the owner it left may be waiting on it.
    for (const ref of old?.ownerReferences ?? []) if (!n.ownerReferences.some((r) => r.uid === ref.uid)) this.enqueueUID(ref.uid);
    return n;
  }

  private removed(key: string): void {
    const old = this.graph.remove(key);
    if (!old) return;
    // Its dependents now point at an absent owner; its owners may have been waiting for it.
    for (const d of this.graph.dependentsOf(old.uid)) this.enqueue(d.key);
    for (const ref of old.ownerReferences) this.enqueueUID(ref.uid);
  }

  private enqueueUID(uid: string): void {
    const n = this.graph.byUID(uid);
    if (n) this.enqueue(n.key);
  }

  private enqueue(key: string): void {
    if (this.stopped) return;
    this.queue.add(key);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => void this.drain());
    }
  }

  /**
   * One worker: items are processed in arrival order; a failed item is retried after a pause. Nothing is
   * decided before every monitor has listed (kube's WaitForCacheSync): a dependent not yet seen must not
   * let a foreground owner go, nor miss being orphaned and then be taken for dangling.
   */
  private async drain(): Promise<void> {
    while (!this.stopped && this.queue.size > 0) {
      if (![...this.monitors.values()].every((m) => m.informer.hasSynced)) {
        await Promise.race([this.waitForSync(), new Promise((r) => setTimeout(r, cacheSyncTimeoutMs).unref())]);
      }
      const key = this.queue.values().next().value as string;
      this.queue.delete(key);
      try {
        await this.process(key);
      } catch {
        setTimeout(() => this.enqueue(key), 1000).unref();
      }
    }
    this.draining = false;
  }

  private async process(key: string): Promise<void> {
    const n = this.graph.get(key);
    if (!n) return;
    if (n.deleting) {
      if (n.finalizers.includes(orphanFinalizer)) return this.orphanDependents(n);
      if (n.finalizers.includes(foregroundFinalizer)) return this.processDeletingDependents(n);
      return; // Being deleted already, by someone else's choice.
    }
    if (n.ownerReferences.length > 0) await this.attemptToDeleteItem(n);
  }

  /** attemptToOrphan: every dependent loses its reference to n, then n loses the orphan finalizer. */
  private async orphanDependents(n: Node): Promise<void> {
    for (const d of this.graph.dependentsOf(n.uid)) {
      await this.mutate(d, (m) => {
        m.ownerReferences = (m.ownerReferences ?? []).filter((r) => r.uid !== n.uid);
        if (m.ownerReferences.length === 0) delete m.ownerReferences;
      });
    }
    await this.removeFinalizer(n, orphanFinalizer);
  }

  /** processDeletingDependentsItem: the foreground finalizer goes once no blocking dependent is left. */
  private async processDeletingDependents(n: Node): Promise<void> {
    const blocking = this.graph.dependentsOf(n.uid).filter((d) => d.ownerReferences.some((r) => r.uid === n.uid && r.blockOwnerDeletion));
    if (blocking.length === 0) return this.removeFinalizer(n, foregroundFinalizer);
    for (const d of blocking) if (!isDeletingDependents(d)) this.enqueue(d.key);
  }

  /** attemptToDeleteItem: decides a dependent's fate from its owners' states. */
  private async attemptToDeleteItem(n: Node): Promise<void> {
    const states = new Map<OwnerReference, OwnerState>();
    for (const ref of n.ownerReferences) states.set(ref, await this.classify(n, ref));
    const of = (s: OwnerState) => [...states].filter(([, v]) => v === s).map(([r]) => r);
    // A cluster-scoped object cannot be owned by a namespaced one: kube reports it and leaves the object be.
    if (of('invalid').length > 0) return this.reportInvalid(n, of('invalid'));
    const solid = of('solid');
    const dangling = of('dangling');
    const waiting = of('waiting');
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      return this.mutate(n, (m) => {
        m.ownerReferences = (m.ownerReferences ?? []).filter((r) => !drop.has(r.uid));
      });
    }
    const dependents = this.graph.dependentsOf(n.uid);
    if (waiting.length > 0 && dependents.length > 0) {
      // A dependent of n also waiting on its own dependents could close a blocking cycle: n's references stop blocking.
      if (dependents.some(isDeletingDependents)) {
        await this.mutate(n, (m) => {
          m.ownerReferences = (m.ownerReferences ?? []).map((r) => (r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r));
        });
      }
      return this.deleteObject(n, 'Foreground');
    }
    const policy = n.finalizers.includes(orphanFinalizer) ? 'Orphan' : n.finalizers.includes(foregroundFinalizer) ? 'Foreground' : 'Background';
    return this.deleteObject(n, policy);
  }

  /** isDangling, read live (the owner's informer may lag, or its resource may not be watched yet). */
  private async classify(n: Node, ref: OwnerReference): Promise<OwnerState> {
    const resource = resourceForKind(collectableResources(this.groups), ref.apiVersion, ref.kind);
    // An owner kind no group serves: kube retries until discovery knows it; it is no reason to delete.
    if (!resource) return 'solid';
    if (resource.namespaced && !n.namespace) return 'invalid';
    const namespace = resource.namespaced ? n.namespace : '';
    const owner = await resource.storage.get({ namespace }, ref.name, {}).catch((err) => {
      if (isStatusError(err) && err.code === 404) return undefined;
      throw err;
    });
    if (!owner || owner.metadata?.uid !== ref.uid) return 'dangling';
    const fin = owner.metadata?.finalizers ?? [];
    if (owner.metadata?.deletionTimestamp && fin.includes(foregroundFinalizer)) return 'waiting';
    return 'solid';
  }

  /** The OwnerRefInvalidNamespace Warning event on the dependent, once per object. */
  private async reportInvalid(n: Node, refs: OwnerReference[]): Promise<void> {
    if (this.reported.has(n.uid)) return;
    this.reported.add(n.uid);
    const events = this.groups.get('')?.versionedResourcesStorageMap.v1?.events;
    if (!events || !isCreater(events)) return;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    for (const ref of refs) {
      const message = `ownerRef [${ref.apiVersion}/${ref.kind}, namespace: , name: ${ref.name}, uid: ${ref.uid}] does not exist in namespace ""`;
      await events.create(
        { namespace: 'default' },
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: `${n.name}.${Date.now().toString(16)}`, namespace: 'default' },
          involvedObject: {
            apiVersion: n.resource.group ? `${n.resource.group}/${n.resource.version}` : n.resource.version,
            kind: n.resource.kind,
            name: n.name,
            uid: n.uid,
          },
          reason: 'OwnerRefInvalidNamespace',
          message,
          type: 'Warning',
          count: 1,
          source: { component: 'garbage-collector-controller' },
          firstTimestamp: now,
          lastTimestamp: now,
        },
        undefined,
        {},
      );
    }
  }

  /** deleteObject: with the uid as precondition, so a recreated namesake is never the one deleted. */
  private async deleteObject(n: Node, propagationPolicy: DeleteOptions['propagationPolicy']): Promise<void> {
    await n.resource.storage.delete({ namespace: n.namespace }, n.name, undefined, { preconditions: { uid: n.uid }, propagationPolicy }).catch((err) => {
      if (isStatusError(err) && (err.code === 404 || err.code === 409)) return;
      throw err;
    });
  }

  private removeFinalizer(n: Node, finalizer: string): Promise<void> {
    return this.mutate(n, (m) => {
      m.finalizers = (m.finalizers ?? []).filter((f) => f !== finalizer);
    });
  }

  /** An update of n's metadata against its latest stored state (kube patches; a re-read update is the same here). */
  private async mutate(n: Node, change: (m: NonNullable<KObject['metadata']> & { ownerReferences?: OwnerReference[] }) => void): Promise<void> {
    try {
      await n.resource.storage.update(
        { namespace: n.namespace },
        n.name,
        {
          preconditions: () => ({ uid: n.uid }),
          updatedObject: async (_ctx, old) => {
            if (!old) throw new Gone();
            const next = structuredClone(old);
            next.metadata ??= {};
            change(next.metadata as NonNullable<KObject['metadata']> & { ownerReferences?: OwnerReference[] });
            return next;
          },
        },
        undefined,
        undefined,
        false,
        {},
      );
    } catch (err) {
      if (err instanceof Gone || (isStatusError(err) && (err.code === 404 || err.code === 409))) return;
      throw err;
    }
  }
}
