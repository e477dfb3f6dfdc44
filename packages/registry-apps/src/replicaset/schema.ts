import { conditionsList, type ResourceSchema } from '@kapi/apiserver-core';

/** ReplicaSet's schema: the kubernetes-types definition with its conditions merged by type. */
export const replicaSetSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'ReplicaSet' },
  definition: 'io.k8s.api.apps.v1.ReplicaSet',
  extensions: {
    'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions: conditionsList },
  },
};
