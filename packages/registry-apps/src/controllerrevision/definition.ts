import type { ResourceDefinition } from '@kapi/apiserver-core';
import { controllerRevisionSchema } from './schema';
import { controllerRevisionStrategy } from './strategy';
import { controllerRevisionTable } from './table';

/** apps/v1 controllerrevisions (pkg/registry/apps/controllerrevision/storage): one declaration, the helper builds the Store. */
export const controllerRevisionDefinition: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  scope: 'Namespaced',
  strategy: controllerRevisionStrategy,
  table: controllerRevisionTable,
  schema: controllerRevisionSchema,
};
