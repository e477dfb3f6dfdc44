import type { ResourceDefinition } from '@kapi/apiserver-core';
import { rbacGroup } from '../common/types';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { clusterRoleSchema } from './schema';
import { ClusterRoleREST } from './storage';
import { clusterRoleStrategy } from './strategy';
import { clusterRoleTable } from './table';

/** rbac.authorization.k8s.io/v1 clusterroles, guarded against escalation by the group's shared policy. */
export function clusterRoleDefinition(policy: RBACPolicy): ResourceDefinition {
  return {
    group: rbacGroup,
    version: 'v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    scope: 'Cluster',
    strategy: clusterRoleStrategy,
    table: clusterRoleTable,
    schema: clusterRoleSchema,
    newStore: (config) => new ClusterRoleREST(config, policy),
  };
}
