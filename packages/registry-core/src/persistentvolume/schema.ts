import { atomicList, type ResourceSchema } from '@kapi/apiserver-core';

/** PersistentVolume's schema: the kubernetes-types definition. */
export const persistentVolumeSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'PersistentVolume' },
  definition: 'io.k8s.api.core.v1.PersistentVolume',
  extensions: { 'io.k8s.api.core.v1.PersistentVolumeSpec': { accessModes: atomicList, mountOptions: atomicList } },
};
