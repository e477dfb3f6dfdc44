import type { ResourceDefinition } from '@kapi/apiserver-core';
import { scaleFromWorkload } from '../common/workload-scale';
import { statefulSetSchema } from './schema';
import { statefulSetStatusStrategy, statefulSetStrategy } from './strategy';
import { statefulSetTable } from './table';

/** apps/v1 statefulsets (pkg/registry/apps/statefulset/storage): one declaration, the helper builds the Store, /status and /scale. */
export const statefulSetDefinition: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  scope: 'Namespaced',
  shortNames: ['sts'],
  categories: ['all'],
  strategy: statefulSetStrategy,
  status: statefulSetStatusStrategy,
  scale: scaleFromWorkload,
  table: statefulSetTable,
  schema: statefulSetSchema,
};
