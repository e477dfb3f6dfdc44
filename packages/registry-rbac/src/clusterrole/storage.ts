import type { KObject, RequestContext } from '@kapi/apiserver-core';
import type { ClusterRoleObject, PolicyRule } from '../common/types';
import { confirmNoEscalation, escalationAllowed, roleEscalationAuthorized } from '../escalation/escalation-check';
import { EscalationGuardedStore } from '../escalation/guarded-store';

/** An aggregationRule can gather any rule, so setting one takes everything. */
const fullAuthority: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/**
 * The clusterroles Store (pkg/registry/rbac/clusterrole/policybased): its rules must be held
 * cluster-wide, or `escalate` granted; writing an aggregated role needs cluster-admin's powers.
 */
export class ClusterRoleREST extends EscalationGuardedStore {
  protected async checkWrite(ctx: RequestContext, obj: KObject, old: KObject | undefined): Promise<void> {
    if (escalationAllowed(ctx) || (await roleEscalationAuthorized(ctx, this.policy.escalationAuthorizer))) return;
    await this.policy.synced();
    const role = obj as ClusterRoleObject;
    const resolver = this.policy.registryResolver;
    const refusal = confirmNoEscalation(ctx.user!, '', resolver, role.rules ?? []);
    if (refusal) throw this.forbidden(obj, refusal);
    // An aggregated role's rules can be anything (and dropping the rule freezes them): writing one takes everything.
    const aggregated = role.aggregationRule || (old as ClusterRoleObject | undefined)?.aggregationRule;
    if (aggregated && confirmNoEscalation(ctx.user!, '', resolver, fullAuthority)) {
      throw this.forbidden(obj, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }
}
