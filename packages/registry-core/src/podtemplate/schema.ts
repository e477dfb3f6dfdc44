import type { ResourceSchema } from '@kapi/apiserver-core';

/** PodTemplate's schema: the kubernetes-types definition. */
export const podTemplateSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'PodTemplate' },
  definition: 'io.k8s.api.core.v1.PodTemplate',
};
