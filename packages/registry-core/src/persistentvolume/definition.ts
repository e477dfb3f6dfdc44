import type { ResourceDefinition } from '@kapi/apiserver-core';
import { persistentVolumeSchema } from './schema';
import { persistentVolumeAttrs, persistentVolumeStatusStrategy, persistentVolumeStrategy, persistentVolumeTable } from './strategy';

/** v1 persistentvolumes: one declaration, the helper builds the Store, /status. */
export const persistentVolumeDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  scope: 'Cluster',
  shortNames: ['pv'],
  strategy: persistentVolumeStrategy,
  status: persistentVolumeStatusStrategy,
  table: persistentVolumeTable,
  schema: persistentVolumeSchema,
  storeOptions: { attrFunc: persistentVolumeAttrs },
};
