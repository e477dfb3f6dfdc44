import { CoalescedSync, isUpdater, metaTime, StoreInformer, type APIGroupInfo, type KObject, type Lister, type Storage, type Watcher } from '@kapi/apiserver-core';
import type { FlowSchema } from '../flowschema/types';
import { danglingConditionCurrent, desiredDanglingCondition, withDanglingCondition } from './dangling-condition';

const flowcontrolGroup = 'flowcontrol.apiserver.k8s.io';

/** A name → object cache an informer keeps. */
class ObjectCache {
  readonly objects = new Map<string, KObject>();
  constructor(private readonly changed: () => void) {}

  readonly handler = {
    replace: (items: KObject[]) => {
      this.objects.clear();
      for (const o of items) this.objects.set(o.metadata?.name ?? '', o);
      this.changed();
    },
    upsert: (o: KObject) => {
      this.objects.set(o.metadata?.name ?? '', o);
      this.changed();
    },
    remove: (o: KObject) => {
      this.objects.delete(o.metadata?.name ?? '');
      this.changed();
    },
  };
}

/**
 * The part of kube's APF configuration controller that writes status: every FlowSchema's Dangling
 * condition follows whether its priority level exists (kubectl's MISSINGPL column). It watches
 * both kinds and writes through flowschemas/status; request dispatching is not kapi's.
 */
export class FlowSchemaDanglingController {
  private readonly flowSchemas?: Storage;
  private readonly priorityLevels?: Storage;
  private readonly status?: Storage;
  private readonly schemaCache = new ObjectCache(() => this.schedule());
  private readonly levelCache = new ObjectCache(() => this.schedule());
  private informers: StoreInformer[] = [];
  private readonly syncs = new CoalescedSync(() => this.syncAll());

  constructor(groups: ReadonlyMap<string, APIGroupInfo>) {
    const v1 = groups.get(flowcontrolGroup)?.versionedResourcesStorageMap.v1;
    this.flowSchemas = v1?.flowschemas;
    this.priorityLevels = v1?.prioritylevelconfigurations;
    this.status = v1?.['flowschemas/status'];
  }

  start(): void {
    if (!this.flowSchemas || !this.priorityLevels || !this.status) return;
    this.informers = [
      new StoreInformer(this.flowSchemas as Storage & Lister & Watcher, this.schemaCache.handler),
      new StoreInformer(this.priorityLevels as Storage & Lister & Watcher, this.levelCache.handler),
    ];
    for (const i of this.informers) i.start();
  }

  stop(): void {
    this.syncs.stop();
    for (const i of this.informers) i.stop();
  }

  /** Resolves once the syncs scheduled so far are done (tests, shutdown). */
  idle(): Promise<void> {
    return this.syncs.idle();
  }

  private schedule(): void {
    this.syncs.schedule();
  }

  private async syncAll(): Promise<void> {
    if (this.syncs.isStopped || !this.informers.every((i) => i.hasSynced) || !this.status || !isUpdater(this.status)) return;
    const status = this.status;
    for (const fs of this.schemaCache.objects.values() as Iterable<FlowSchema>) {
      const desired = desiredDanglingCondition(fs, this.levelCache.objects.has(fs.spec?.priorityLevelConfiguration?.name ?? ''));
      if (danglingConditionCurrent(fs, desired)) continue;
      try {
        await status.update(
          {},
          fs.metadata?.name ?? '',
          {
            preconditions: () => undefined,
            updatedObject: async (_ctx, old) => {
              const current = structuredClone(old!) as FlowSchema;
              current.status = { ...current.status, conditions: withDanglingCondition(current, desired, metaTime(Date.now())) };
              return current;
            },
          },
          undefined,
          undefined,
          false,
          {},
        );
      } catch {
        // Deleted meanwhile, or a conflict: the informer's next event brings the object back here.
      }
    }
  }
}
