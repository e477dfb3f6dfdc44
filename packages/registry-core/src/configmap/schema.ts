import type { ResourceSchema } from '@kapi/apiserver-core';

/** ConfigMap's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const configMapSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ConfigMap' },
  definition: 'io.k8s.api.core.v1.ConfigMap',
};
