import type { ResourceDefinition } from '@kapi/apiserver-core';
import { csiDriverStrategy } from './strategy';
import { csiDriverTable } from './table';

/** storage.k8s.io/v1 csidrivers: cluster-scoped, named after the CSI driver. */
export const csiDriverDefinition: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSIDriver',
  plural: 'csidrivers',
  scope: 'Cluster',
  strategy: csiDriverStrategy,
  table: csiDriverTable,
};
