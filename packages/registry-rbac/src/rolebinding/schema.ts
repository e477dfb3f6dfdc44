import type { ResourceSchema } from '@kapi/apiserver-core';

/** RoleBinding's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const roleBindingSchema: ResourceSchema = {
  gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding' },
  definition: 'io.k8s.api.rbac.v1.RoleBinding',
};
