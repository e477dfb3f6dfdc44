import type { ResourceDefinition } from '@kapi/apiserver-core';
import { endpointsSchema } from './schema';
import { endpointsStrategy } from './strategy';
import { endpointsTable } from './table';

/** v1 endpoints: one declaration, the helper builds the Store. */
export const endpointsDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  plural: 'endpoints',
  scope: 'Namespaced',
  shortNames: ['ep'],
  strategy: endpointsStrategy,
  table: endpointsTable,
  schema: endpointsSchema,
};
