import type { ResourceSchema } from '@kapi/apiserver-core';

/** ReplicaSet's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const replicaSetSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'ReplicaSet' },
  definition: 'io.k8s.api.apps.v1.ReplicaSet',
};
