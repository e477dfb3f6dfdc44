import type { ResourceSchema } from '@kapi/apiserver-core';

/** PersistentVolume's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const persistentVolumeSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'PersistentVolume' },
  definition: 'io.k8s.api.core.v1.PersistentVolume',
};
