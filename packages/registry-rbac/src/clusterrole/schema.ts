import type { ResourceSchema } from '@kapi/apiserver-core';

/** ClusterRole's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const clusterRoleSchema: ResourceSchema = {
  gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' },
  definition: 'io.k8s.api.rbac.v1.ClusterRole',
};
