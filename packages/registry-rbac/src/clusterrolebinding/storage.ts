import type { KObject, RequestContext, RESTOptionsGetter } from '@kapi/apiserver-core';
import { checkBindingWrite } from '../common/binding-check';
import { rbacAPIVersion, rbacGroup } from '../common/types';
import { EscalationGuardedStore } from '../escalation/guarded-store';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { clusterRoleBindingStrategy } from './strategy';
import { clusterRoleBindingTable } from './table';

/** The clusterrolebindings Store (clusterrolebinding/policybased): binding a role takes holding its rules, or `bind` on it. */
export class ClusterRoleBindingREST extends EscalationGuardedStore {
  protected async checkWrite(ctx: RequestContext, obj: KObject): Promise<void> {
    const refusal = await checkBindingWrite(ctx, obj, this.policy, false);
    if (refusal) throw this.forbidden(obj, refusal);
  }
}

export function newClusterRoleBindingREST(optsGetter: RESTOptionsGetter, policy: RBACPolicy): ClusterRoleBindingREST {
  const resource = { group: rbacGroup, resource: 'clusterrolebindings' };
  return new ClusterRoleBindingREST(
    {
      newFunc: () => ({ apiVersion: rbacAPIVersion, kind: 'ClusterRoleBinding' }),
      newListFunc: () => ({ apiVersion: rbacAPIVersion, kind: 'ClusterRoleBindingList', metadata: {}, items: [] }),
      defaultQualifiedResource: resource,
      singularQualifiedResource: { group: rbacGroup, resource: 'clusterrolebinding' },
      createStrategy: clusterRoleBindingStrategy,
      updateStrategy: clusterRoleBindingStrategy,
      deleteStrategy: clusterRoleBindingStrategy,
      tableConvertor: clusterRoleBindingTable,
    },
    policy,
  ).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
