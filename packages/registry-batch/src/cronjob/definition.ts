import type { ResourceDefinition } from '@kapi/apiserver-core';
import { cronJobStrategy } from './strategy';
import { cronJobTable } from './table';

/** batch/v1 cronjobs (`cj`), with cronjobs/status; the schema is Kubernetes' own CronJob. */
export const cronJobDefinition: ResourceDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  plural: 'cronjobs',
  scope: 'Namespaced',
  shortNames: ['cj'],
  categories: ['all'],
  strategy: cronJobStrategy,
  status: true,
  generation: true,
  table: cronJobTable,
};
