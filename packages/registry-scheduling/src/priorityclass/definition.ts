import type { ResourceDefinition } from '@kapi/apiserver-core';
import { PriorityClassStore } from './store';
import { priorityClassStrategy } from './strategy';
import { priorityClassTable } from './table';

/** scheduling.k8s.io/v1 priorityclasses (`pc`); the schema is Kubernetes' own PriorityClass. */
export const priorityClassDefinition: ResourceDefinition = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  scope: 'Cluster',
  shortNames: ['pc'],
  strategy: priorityClassStrategy,
  generation: true,
  table: priorityClassTable,
  newStore: (config) => new PriorityClassStore(config, priorityClassDefinition),
};
