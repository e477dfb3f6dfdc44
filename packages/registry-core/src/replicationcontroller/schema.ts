import type { ResourceSchema } from '@kapi/apiserver-core';

/** ReplicationController's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const replicationControllerSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ReplicationController' },
  definition: 'io.k8s.api.core.v1.ReplicationController',
};
