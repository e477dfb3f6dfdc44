import type { ResourceSchema } from '@kapi/apiserver-core';

/** Role's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const roleSchema: ResourceSchema = {
  gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role' },
  definition: 'io.k8s.api.rbac.v1.Role',
};
