import type { ResourceDefinition } from '@kapi/apiserver-core';
import { rbacGroup } from '../common/types';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { clusterRoleBindingSchema } from './schema';
import { ClusterRoleBindingREST } from './storage';
import { clusterRoleBindingStrategy } from './strategy';
import { clusterRoleBindingTable } from './table';

/** rbac.authorization.k8s.io/v1 clusterrolebindings, guarded against escalation by the group's shared policy. */
export function clusterRoleBindingDefinition(policy: RBACPolicy): ResourceDefinition {
  return {
    group: rbacGroup,
    version: 'v1',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    scope: 'Cluster',
    strategy: clusterRoleBindingStrategy,
    table: clusterRoleBindingTable,
    schema: clusterRoleBindingSchema,
    newStore: (config) => new ClusterRoleBindingREST(config, policy),
  };
}
