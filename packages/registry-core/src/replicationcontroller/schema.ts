import { conditionsList, type ResourceSchema } from '@kapi/apiserver-core';

/** ReplicationController's schema: the kubernetes-types definition. */
export const replicationControllerSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ReplicationController' },
  definition: 'io.k8s.api.core.v1.ReplicationController',
  extensions: { 'io.k8s.api.core.v1.ReplicationControllerStatus': { conditions: conditionsList } },
};
