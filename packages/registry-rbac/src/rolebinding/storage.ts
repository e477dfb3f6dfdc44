import type { KObject, RequestContext, RESTOptionsGetter } from '@kapi/apiserver-core';
import { checkBindingWrite } from '../common/binding-check';
import { rbacAPIVersion, rbacGroup } from '../common/types';
import { EscalationGuardedStore } from '../escalation/guarded-store';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { roleBindingStrategy } from './strategy';
import { roleBindingTable } from './table';

/** The rolebindings Store (rolebinding/policybased): binding a role takes holding its rules, or `bind` on it. */
export class RoleBindingREST extends EscalationGuardedStore {
  protected async checkWrite(ctx: RequestContext, obj: KObject): Promise<void> {
    const refusal = await checkBindingWrite(ctx, obj, this.policy, true);
    if (refusal) throw this.forbidden(obj, refusal);
  }
}

export function newRoleBindingREST(optsGetter: RESTOptionsGetter, policy: RBACPolicy): RoleBindingREST {
  const resource = { group: rbacGroup, resource: 'rolebindings' };
  return new RoleBindingREST(
    {
      newFunc: () => ({ apiVersion: rbacAPIVersion, kind: 'RoleBinding' }),
      newListFunc: () => ({ apiVersion: rbacAPIVersion, kind: 'RoleBindingList', metadata: {}, items: [] }),
      defaultQualifiedResource: resource,
      singularQualifiedResource: { group: rbacGroup, resource: 'rolebinding' },
      createStrategy: roleBindingStrategy,
      updateStrategy: roleBindingStrategy,
      deleteStrategy: roleBindingStrategy,
      tableConvertor: roleBindingTable,
    },
    policy,
  ).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
