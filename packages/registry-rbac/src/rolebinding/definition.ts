import type { ResourceDefinition } from '@kapi/apiserver-core';
import { rbacGroup } from '../common/types';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { roleBindingSchema } from './schema';
import { RoleBindingREST } from './storage';
import { roleBindingStrategy } from './strategy';
import { roleBindingTable } from './table';

/** rbac.authorization.k8s.io/v1 rolebindings, guarded against escalation by the group's shared policy. */
export function roleBindingDefinition(policy: RBACPolicy): ResourceDefinition {
  return {
    group: rbacGroup,
    version: 'v1',
    kind: 'RoleBinding',
    plural: 'rolebindings',
    scope: 'Namespaced',
    strategy: roleBindingStrategy,
    table: roleBindingTable,
    schema: roleBindingSchema,
    newStore: (config) => new RoleBindingREST(config, policy),
  };
}
