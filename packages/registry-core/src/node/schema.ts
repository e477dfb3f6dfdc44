import type { ResourceSchema } from '@kapi/apiserver-core';

/** Node's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const nodeSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Node' },
  definition: 'io.k8s.api.core.v1.Node',
};
