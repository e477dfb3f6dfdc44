import { serviceKey, type KObject, type RequestContext } from '@kapi/apiserver-core';

/**
 * What pods/eviction needs of the PodDisruptionBudgets (kube's eviction REST holds a policy client
 * for the same reason). The legacy group cannot depend on the policy group, so the policy package
 * binds an implementation under this symbol; without one bound, no budget guards any pod.
 */
export interface PodDisruptionBudgetClient {
  /** The budgets of the pod's namespace whose selector selects the pod, in policy/v1 form (an invalid selector selects nothing). */
  listMatching(ctx: RequestContext, pod: KObject): Promise<KObject[]>;
  get(ctx: RequestContext, namespace: string, name: string): Promise<KObject>;
  /** Writes the budget's status; a stale resourceVersion answers 409 Conflict. */
  updateStatus(ctx: RequestContext, pdb: KObject): Promise<KObject>;
}

export const PodDisruptionBudgetClientKey = serviceKey<PodDisruptionBudgetClient>('kapi.PodDisruptionBudgetClient');

/**
 * How the legacy group finds the client: looked up when an eviction arrives, because group modules
 * are loaded (and their providers built) one after another and the policy module comes later.
 */
export type PodDisruptionBudgetClientLookup = () => PodDisruptionBudgetClient | undefined;
export const PodDisruptionBudgetClientLookupKey = serviceKey<PodDisruptionBudgetClientLookup>('kapi.PodDisruptionBudgetClientLookup');
