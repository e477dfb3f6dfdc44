import { atomicList, type ResourceSchema } from '@kapi/apiserver-core';

/** LimitRange's schema: the kubernetes-types definition, limits replaced as a whole. */
export const limitRangeSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'LimitRange' },
  definition: 'io.k8s.api.core.v1.LimitRange',
  extensions: { 'io.k8s.api.core.v1.LimitRangeSpec': { limits: atomicList } },
};
