import { atomicList, conditionsList, type ResourceSchema } from '@kapi/apiserver-core';

/** PersistentVolumeClaim's schema: the kubernetes-types definition. */
export const persistentVolumeClaimSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' },
  definition: 'io.k8s.api.core.v1.PersistentVolumeClaim',
  extensions: {
    'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { accessModes: atomicList },
    'io.k8s.api.core.v1.PersistentVolumeClaimStatus': { conditions: conditionsList, accessModes: atomicList },
  },
};
