import type { ResourceSchema } from '@kapi/apiserver-core';
import { rbacExtensions } from '../common/schemas';

export const clusterRoleBindingSchema: ResourceSchema = {
  gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding' },
  definition: 'io.k8s.api.rbac.v1.ClusterRoleBinding',
  extensions: rbacExtensions,
};
