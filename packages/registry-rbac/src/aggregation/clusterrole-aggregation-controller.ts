import { CoalescedSync, isUpdater, semanticEqual, type APIGroupInfo, type KObject, type Storage } from '@kapi/apiserver-core';
import { labelSelectorAsSelector } from '@kapi/registry-apps';
import type { RBACIndex } from '../authorizer/rbac-index';
import { rbacGroup, type ClusterRoleObject, type PolicyRule } from '../common/types';
import { rbacPolicyOf, type RBACPolicy } from '../escalation/rbac-policy';

/**
 * The aggregated rules of a ClusterRole (clusterroleaggregation.syncClusterRole): the rules of every
 * other ClusterRole its selectors match, taken in name order, each rule once.
 */
export function aggregatedRules(role: ClusterRoleObject, all: readonly ClusterRoleObject[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const byName = [...all].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  for (const spec of role.aggregationRule?.clusterRoleSelectors ?? []) {
    const selector = labelSelectorAsSelector(spec);
    for (const other of byName) {
      if (other.metadata?.name === role.metadata?.name || !selector.matches(other.metadata?.labels ?? {})) continue;
      for (const r of other.rules ?? []) if (!rules.some((have) => semanticEqual(have, r))) rules.push(r);
    }
  }
  return rules;
}

/**
 * The ClusterRole aggregation controller (pkg/controller/clusterroleaggregation): keeps the rules
 * of every ClusterRole with an aggregationRule equal to the union of the roles it selects — how
 * admin, edit and view grow when a CRD's role is labelled aggregate-to-view. It follows the RBAC
 * index (informers already watching clusterroles) and writes through the clusterroles Store.
 */
export class ClusterRoleAggregationController {
  private readonly policy?: RBACPolicy;
  private readonly store?: Storage;
  private unsubscribe?: () => void;
  private readonly syncs = new CoalescedSync(() => this.syncAll(this.policy!.index));

  constructor(groups: ReadonlyMap<string, APIGroupInfo>) {
    const info = groups.get(rbacGroup);
    this.policy = rbacPolicyOf(info);
    this.store = info?.versionedResourcesStorageMap.v1?.clusterroles;
  }

  start(): void {
    if (!this.policy || !this.store) return;
    this.policy.start();
    this.unsubscribe = this.policy.index.onChange((resource) => {
      if (resource === 'clusterroles') this.schedule();
    });
    this.schedule();
  }

  stop(): void {
    this.syncs.stop();
    this.unsubscribe?.();
  }

  /** Resolves once the syncs scheduled so far are done (tests, shutdown). */
  idle(): Promise<void> {
    return this.syncs.idle();
  }

  private schedule(): void {
    this.syncs.schedule();
  }

  private async syncAll(index: RBACIndex): Promise<void> {
    if (!index.hasSynced) return;
    const all = index.listClusterRoles();
    for (const role of all) {
      if (!role.aggregationRule || this.syncs.isStopped) continue;
      const rules = aggregatedRules(role, all);
      if (semanticEqual(rules, role.rules ?? [])) continue;
      await this.writeRules(role.metadata?.name ?? '', rules).catch(() => {
        // Gone or conflicting: the watch event that follows schedules another sync.
      });
    }
  }

  private async writeRules(name: string, rules: PolicyRule[]): Promise<void> {
    if (!this.store || !isUpdater(this.store)) return;
    await this.store.update(
      {},
      name,
      {
        preconditions: () => undefined,
        updatedObject: async (_ctx, old) => {
          // Deleted meanwhile: the Store would create it again (RBAC allows create on update).
          if (!old) throw new Error(`clusterrole ${name} is gone`);
          return { ...(structuredClone(old) as KObject), rules };
        },
      },
      undefined,
      undefined,
      false,
      {},
    );
  }
}
