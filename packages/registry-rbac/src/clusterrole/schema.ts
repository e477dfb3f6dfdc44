import type { ResourceSchema } from '@kapi/apiserver-core';
import { rbacExtensions } from '../common/schemas';

export const clusterRoleSchema: ResourceSchema = {
  gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' },
  definition: 'io.k8s.api.rbac.v1.ClusterRole',
  extensions: rbacExtensions,
};
