import type { ResourceDefinition } from '@kapi/apiserver-core';
import { scaleFromWorkload } from '../common/workload-scale';
import { deploymentSchema } from './schema';
import { deploymentStatusStrategy, deploymentStrategy } from './strategy';
import { deploymentTable } from './table';

/** apps/v1 deployments (pkg/registry/apps/deployment/storage): one declaration, the helper builds the Store, /status and /scale. */
export const deploymentDefinition: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  scope: 'Namespaced',
  shortNames: ['deploy'],
  categories: ['all'],
  strategy: deploymentStrategy,
  status: deploymentStatusStrategy,
  scale: scaleFromWorkload,
  table: deploymentTable,
  schema: deploymentSchema,
};
