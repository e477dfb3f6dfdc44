import type { ResourceDefinition } from '@kapi/apiserver-core';
import { serviceAccountSchema } from './schema';
import { serviceAccountStrategy, serviceAccountTable } from './strategy';

/** v1 serviceaccounts: one declaration, the helper builds the Store. */
export const serviceAccountDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  scope: 'Namespaced',
  shortNames: ['sa'],
  strategy: serviceAccountStrategy,
  table: serviceAccountTable,
  schema: serviceAccountSchema,
};
