import type { ResourceSchema } from '@kapi/apiserver-core';
import { rbacExtensions } from '../common/schemas';

export const roleSchema: ResourceSchema = {
  gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role' },
  definition: 'io.k8s.api.rbac.v1.Role',
  extensions: rbacExtensions,
};
