import type { ResourceDefinition } from '@kapi/apiserver-core';
import { scaleFromWorkload } from '../common/workload-scale';
import { replicaSetSchema } from './schema';
import { replicaSetStatusStrategy, replicaSetStrategy } from './strategy';
import { replicaSetTable } from './table';

/** apps/v1 replicasets (pkg/registry/apps/replicaset/storage): one declaration, the helper builds the Store, /status and /scale. */
export const replicaSetDefinition: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  scope: 'Namespaced',
  shortNames: ['rs'],
  categories: ['all'],
  strategy: replicaSetStrategy,
  status: replicaSetStatusStrategy,
  scale: scaleFromWorkload,
  table: replicaSetTable,
  schema: replicaSetSchema,
};
