import type { ResourceSchema } from '@kapi/apiserver-core';
import { rbacExtensions } from '../common/schemas';

export const roleBindingSchema: ResourceSchema = {
  gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding' },
  definition: 'io.k8s.api.rbac.v1.RoleBinding',
  extensions: rbacExtensions,
};
