import type { ResourceSchema } from '@kapi/apiserver-core';

/** Pod's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const podSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Pod' },
  definition: 'io.k8s.api.core.v1.Pod',
};
