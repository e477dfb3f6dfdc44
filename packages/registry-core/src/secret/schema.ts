import type { ResourceSchema } from '@kapi/apiserver-core';

export const secretSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Secret' },
  definition: 'io.k8s.api.core.v1.Secret',
};
