import { semanticEqual, StoreInformer, type KObject, type Store } from '@kapi/apiserver-core';
import type { StatusREST } from '@kapi/apiserver-core';
import { findCRDCondition, isCRDConditionTrue, setCRDCondition } from '../apis/helpers';
import { asCRD, customResourceCleanupFinalizer, type CustomResourceDefinition, type CustomResourceDefinitionCondition } from '../apis/types';
import type { CustomResourceHandler } from '../customresource/handler';
import { deleteInstances } from './finalizer';
import { calculateNamesAndConditions, usedNamesInGroup, type UsedNames } from './naming';
import { apiApprovalCondition } from '../apis/api-approval';

export interface CRDControllersOptions {
  crds: Store;
  status: StatusREST;
  handler: CustomResourceHandler;
  /** Names the built-in and plugin groups serve in a group, which no CRD may take. */
  builtinNames(group: string): UsedNames | undefined;
  retryMs?: number;
  /** Where a failed sync is reported before it is retried. */
  onError?: (crd: string, err: unknown) => void;
}

/**
 * The apiextensions controllers over one CRD informer, each step one status write, in kube's order:
 * NamingConditionController (acceptedNames, NamesAccepted), EstablishingController (Established),
 * CRDFinalizer (Terminating, delete every CR, drop the finalizer), and the handler serving what is
 * established. A failed step is retried; the next event of the CRD continues where it stopped.
 */
export class CRDControllers {
  private readonly cache = new Map<string, CustomResourceDefinition>();
  private readonly informer: StoreInformer;
  private readonly queue = new Set<string>();
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly opts: CRDControllersOptions) {
    this.informer = new StoreInformer(opts.crds, {
      replace: (items) => {
        const names = new Set(items.map((i) => i.metadata!.name!));
        for (const name of this.cache.keys()) if (!names.has(name)) this.enqueue(name);
        this.cache.clear();
        for (const i of items) this.upsert(i);
      },
      upsert: (obj) => this.upsert(obj),
      remove: (obj) => {
        this.cache.delete(obj.metadata!.name!);
        this.enqueue(obj.metadata!.name!);
      },
    });
  }

  async start(): Promise<void> {
    this.informer.start();
    await this.informer.waitForSync();
    await this.running;
  }

  stop(): void {
    this.stopped = true;
    this.informer.stop();
  }

  private upsert(obj: KObject): void {
    this.cache.set(obj.metadata!.name!, asCRD(obj));
    this.enqueue(obj.metadata!.name!);
  }

  private enqueue(name: string): void {
    this.queue.add(name);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      const [next] = this.queue;
      if (next !== undefined && !this.stopped) this.enqueue(next);
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.size && !this.stopped) {
      const [name] = this.queue;
      this.queue.delete(name);
      try {
        await this.sync(name);
      } catch (err) {
        // A conflict or a storage error: try again shortly (the informer's next event may come first).
        this.opts.onError?.(name, err);
        setTimeout(() => !this.stopped && this.enqueue(name), this.opts.retryMs ?? 500).unref();
      }
    }
  }

  private async sync(name: string): Promise<void> {
    const crd = this.cache.get(name);
    if (!crd) return this.opts.handler.remove(name);
    if (crd.metadata?.deletionTimestamp) return this.finalize(crd);
    const naming = calculateNamesAndConditions(crd, usedNamesInGroup(crd, this.cache.values(), this.opts.builtinNames(crd.spec.group)));
    const named = structuredClone(crd);
    named.status = { ...named.status, acceptedNames: naming.acceptedNames };
    setCRDCondition(named, naming.namesAccepted);
    setCRDCondition(named, naming.established);
    // KubernetesAPIApprovalPolicyConformantConditionController, folded into the same status write.
    const approval = apiApprovalCondition(crd);
    if (approval) setCRDCondition(named, approval);
    if (!semanticEqual(named.status, crd.status)) {
      await this.writeStatus(crd, named);
      return;
    }
    if (isCRDConditionTrue(crd, 'NamesAccepted') && !isCRDConditionTrue(crd, 'Established')) {
      await this.setCondition(crd, { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' });
      return;
    }
    await this.opts.handler.update(crd);
  }

  /** CRDFinalizer.sync: Terminating, every CR deleted, then the finalizer removed (the Store then deletes the CRD). */
  private async finalize(crd: CustomResourceDefinition): Promise<void> {
    if (!crd.metadata?.finalizers?.includes(customResourceCleanupFinalizer)) return;
    // The handler learns of Terminating: creates are refused while the instances go.
    await this.opts.handler.update(crd);
    if (findCRDCondition(crd, 'Terminating')?.status !== 'True') {
      await this.setCondition(crd, { type: 'Terminating', status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' });
      return;
    }
    const storage = this.opts.handler.storageOf(crd.metadata.name!);
    if (storage) {
      const left = await deleteInstances(storage.store);
      if (left > 0) throw new Error(`${left} custom resources remain`);
    }
    await this.opts.handler.remove(crd.metadata.name!);
    const done = structuredClone(crd);
    setCRDCondition(done, { type: 'Terminating', status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' });
    const written = await this.writeStatus(crd, done);
    await this.opts.crds.update(
      {},
      crd.metadata.name!,
      {
        preconditions: () => ({ resourceVersion: written.metadata?.resourceVersion }),
        updatedObject: async (_c, old) => {
          const obj = structuredClone(old!);
          obj.metadata = { ...obj.metadata, finalizers: (obj.metadata?.finalizers ?? []).filter((f) => f !== customResourceCleanupFinalizer) };
          return obj;
        },
      },
      undefined,
      undefined,
      false,
      {},
    );
  }

  private setCondition(crd: CustomResourceDefinition, condition: CustomResourceDefinitionCondition): Promise<KObject> {
    const next = structuredClone(crd);
    setCRDCondition(next, condition);
    return this.writeStatus(crd, next);
  }

  /** One write of customresourcedefinitions/status, conditional on the resourceVersion the controller saw. */
  private async writeStatus(crd: CustomResourceDefinition, next: CustomResourceDefinition): Promise<KObject> {
    const { obj } = await this.opts.status.update(
      {},
      crd.metadata!.name!,
      {
        preconditions: () => ({ resourceVersion: crd.metadata?.resourceVersion }),
        updatedObject: async () => next,
      },
      undefined,
      undefined,
      false,
      {},
    );
    return obj;
  }
}
