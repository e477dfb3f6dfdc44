import type { ResourceSchema } from '@kapi/apiserver-core';

/** LimitRange's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const limitRangeSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'LimitRange' },
  definition: 'io.k8s.api.core.v1.LimitRange',
};
