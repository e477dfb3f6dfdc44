import { atomicList, conditionsList, type ResourceSchema } from '@kapi/apiserver-core';

/** StatefulSet's schema; its claim templates are replaced whole (`+listType=atomic`), never merged. */
export const statefulSetSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'StatefulSet' },
  definition: 'io.k8s.api.apps.v1.StatefulSet',
  extensions: {
    'io.k8s.api.apps.v1.StatefulSetSpec': { volumeClaimTemplates: atomicList },
    'io.k8s.api.apps.v1.StatefulSetStatus': { conditions: conditionsList },
  },
};
