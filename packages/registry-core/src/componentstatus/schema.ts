import type { ResourceSchema } from '@kapi/apiserver-core';

/** ComponentStatus's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const componentStatusSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ComponentStatus' },
  definition: 'io.k8s.api.core.v1.ComponentStatus',
};
