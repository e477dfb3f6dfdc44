import type { ResourceSchema } from '@kapi/apiserver-core';

/** PersistentVolumeClaim's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const persistentVolumeClaimSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' },
  definition: 'io.k8s.api.core.v1.PersistentVolumeClaim',
};
