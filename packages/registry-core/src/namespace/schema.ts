import type { ResourceSchema } from '@kapi/apiserver-core';

/** Namespace's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const namespaceSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Namespace' },
  definition: 'io.k8s.api.core.v1.Namespace',
};
