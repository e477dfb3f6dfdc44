import type { ResourceDefinition } from '@kapi/apiserver-core';
import { daemonSetSchema } from './schema';
import { daemonSetStatusStrategy, daemonSetStrategy } from './strategy';
import { daemonSetTable } from './table';

/** apps/v1 daemonsets (pkg/registry/apps/daemonset/storage): one declaration, the helper builds the Store, /status. */
export const daemonSetDefinition: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  scope: 'Namespaced',
  shortNames: ['ds'],
  categories: ['all'],
  strategy: daemonSetStrategy,
  status: daemonSetStatusStrategy,
  table: daemonSetTable,
  schema: daemonSetSchema,
};
