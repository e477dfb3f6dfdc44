import type { ResourceSchema } from '@kapi/apiserver-core';

/** Pod's schema: the kubernetes-types definition (pod spec and status lists come from the well-known extensions). */
export const podSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Pod' },
  definition: 'io.k8s.api.core.v1.Pod',
};
