import type { ResourceSchema } from '@kapi/apiserver-core';

/** Service's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const serviceSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Service' },
  definition: 'io.k8s.api.core.v1.Service',
};
