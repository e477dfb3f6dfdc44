import type { ResourceSchema } from '@kapi/apiserver-core';

/** PodTemplate's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const podTemplateSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'PodTemplate' },
  definition: 'io.k8s.api.core.v1.PodTemplate',
};
