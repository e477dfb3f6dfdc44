import type { ResourceSchema } from '@kapi/apiserver-core';

/** ServiceAccount's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const serviceAccountSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ServiceAccount' },
  definition: 'io.k8s.api.core.v1.ServiceAccount',
};
