import type { ResourceDefinition } from '@kapi/apiserver-core';
import { storageClassStrategy } from './strategy';
import { storageClassTable } from './table';

/** storage.k8s.io/v1 storageclasses (`sc`): cluster-scoped, no status. */
export const storageClassDefinition: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  scope: 'Cluster',
  shortNames: ['sc'],
  strategy: storageClassStrategy,
  table: storageClassTable,
};
