import type { ResourceDefinition } from '@kapi/apiserver-core';
import { scaleFromReplicationController } from './scale';
import { replicationControllerSchema } from './schema';
import { replicationControllerAttrs, replicationControllerStatusStrategy, replicationControllerStrategy, replicationControllerTable } from './strategy';

/** v1 replicationcontrollers: one declaration, the helper builds the Store, /status and /scale. */
export const replicationControllerDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  plural: 'replicationcontrollers',
  scope: 'Namespaced',
  shortNames: ['rc'],
  categories: ['all'],
  strategy: replicationControllerStrategy,
  status: replicationControllerStatusStrategy,
  scale: scaleFromReplicationController,
  table: replicationControllerTable,
  schema: replicationControllerSchema,
  storeOptions: { attrFunc: replicationControllerAttrs },
};
