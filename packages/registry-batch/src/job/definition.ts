import type { ResourceDefinition } from '@kapi/apiserver-core';
import { jobAttrs } from './selectable-fields';
import { jobStatusStrategy, jobStrategy } from './strategy';
import { jobTable } from './table';

/** batch/v1 jobs, with jobs/status; the schema is Kubernetes' own Job. */
export const jobDefinition: ResourceDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  scope: 'Namespaced',
  categories: ['all'],
  strategy: jobStrategy,
  status: jobStatusStrategy,
  generation: true,
  table: jobTable,
  storeOptions: { attrFunc: jobAttrs },
};
