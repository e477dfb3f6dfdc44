import type { ResourceSchema } from '@kapi/apiserver-core';

/** StatefulSet's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const statefulSetSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'StatefulSet' },
  definition: 'io.k8s.api.apps.v1.StatefulSet',
};
