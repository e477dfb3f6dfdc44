import type { ResourceSchema } from '@kapi/apiserver-core';

/** ClusterRoleBinding's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const clusterRoleBindingSchema: ResourceSchema = {
  gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding' },
  definition: 'io.k8s.api.rbac.v1.ClusterRoleBinding',
};
