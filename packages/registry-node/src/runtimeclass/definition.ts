import type { ResourceDefinition } from '@kapi/apiserver-core';
import { runtimeClassStrategy } from './strategy';
import { runtimeClassTable } from './table';

/** node.k8s.io/v1 runtimeclasses; the schema is Kubernetes' own RuntimeClass. */
export const runtimeClassDefinition: ResourceDefinition = {
  group: 'node.k8s.io',
  version: 'v1',
  kind: 'RuntimeClass',
  plural: 'runtimeclasses',
  scope: 'Cluster',
  strategy: runtimeClassStrategy,
  table: runtimeClassTable,
};
