import type { ResourceDefinition } from '@kapi/apiserver-core';
import { persistentVolumeClaimSchema } from './schema';
import { persistentVolumeClaimStatusStrategy, persistentVolumeClaimStrategy, persistentVolumeClaimTable } from './strategy';

/** v1 persistentvolumeclaims: one declaration, the helper builds the Store, /status. */
export const persistentVolumeClaimDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  scope: 'Namespaced',
  shortNames: ['pvc'],
  strategy: persistentVolumeClaimStrategy,
  status: persistentVolumeClaimStatusStrategy,
  table: persistentVolumeClaimTable,
  schema: persistentVolumeClaimSchema,
};
