import type { ResourceSchema } from '@kapi/apiserver-core';

/** Endpoints's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const endpointsSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Endpoints' },
  definition: 'io.k8s.api.core.v1.Endpoints',
};
