import type { ResourceDefinition } from '@kapi/apiserver-core';
import { rbacGroup } from '../common/types';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { roleSchema } from './schema';
import { RoleREST } from './storage';
import { roleStrategy } from './strategy';
import { roleTable } from './table';

/** rbac.authorization.k8s.io/v1 roles, guarded against escalation by the group's shared policy. */
export function roleDefinition(policy: RBACPolicy): ResourceDefinition {
  return {
    group: rbacGroup,
    version: 'v1',
    kind: 'Role',
    plural: 'roles',
    scope: 'Namespaced',
    strategy: roleStrategy,
    table: roleTable,
    schema: roleSchema,
    newStore: (config) => new RoleREST(config, policy),
  };
}
