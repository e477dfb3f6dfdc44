import {
  FieldSelector,
  LabelSelector,
  Path,
  type Getter,
  type KObject,
  type Lister,
  type RequestContext,
  type Storage,
  type UpdatedObjectInfo,
  type Updater,
  type J,
} from '@kapi/apiserver-core';
import { labelSelectorAsSelector, validateLabelSelector } from '@kapi/registry-apps';
import type { PodDisruptionBudgetClient } from '@kapi/registry-core';

/** An invalid or absent selector selects no pod (kube skips such a budget). */
function selects(pdb: KObject, pod: KObject): boolean {
  const selector = (pdb.spec as J | undefined)?.selector;
  if (!selector || validateLabelSelector(selector, Path.root('selector')).length) return false;
  return labelSelectorAsSelector(selector).matches(pod.metadata?.labels ?? {});
}

/**
 * The PodDisruptionBudgetClient pods/eviction consults, over this server's own poddisruptionbudgets
 * storage and its /status. It is bound before that storage exists (the container builds the legacy
 * group first) and attached when the policy group is installed; until then, or with the group
 * turned off, there is no budget to consult.
 */
export class StorePodDisruptionBudgetClient implements PodDisruptionBudgetClient {
  private budgets?: Lister & Getter;
  private status?: Updater;

  attach(budgets: Storage, status: Storage): void {
    this.budgets = budgets as unknown as Lister & Getter;
    this.status = status as unknown as Updater;
  }

  async listMatching(ctx: RequestContext, pod: KObject): Promise<KObject[]> {
    if (!this.budgets) return [];
    const namespace = pod.metadata?.namespace ?? '';
    const list = await this.budgets.list({ ...ctx, namespace }, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });
    return list.items.filter((pdb) => pdb.metadata?.namespace === namespace && selects(pdb, pod));
  }

  get(ctx: RequestContext, namespace: string, name: string): Promise<KObject> {
    return this.budgets!.get({ ...ctx, namespace }, name, {});
  }

  /** The budget carries the resourceVersion it was read at: a concurrent write answers 409 and eviction re-reads. */
  async updateStatus(ctx: RequestContext, pdb: KObject): Promise<KObject> {
    const info: UpdatedObjectInfo = { preconditions: () => undefined, updatedObject: async () => pdb };
    const ns = { ...ctx, namespace: pdb.metadata?.namespace ?? '' };
    const { obj } = await this.status!.update(ns, pdb.metadata?.name ?? '', info, undefined, undefined, false, {});
    return obj;
  }
}
