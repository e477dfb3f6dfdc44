import { secretSchema } from './schema';
import { secretAttrs, secretStrategy } from './strategy';
import { secretTable } from './table';
import type { ResourceDefinition } from '@kapi/apiserver-core';

/** v1 secrets: one declaration, the helper builds the Store. */
export const secretDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  scope: 'Namespaced',
  strategy: secretStrategy,
  table: secretTable,
  schema: secretSchema,
  storeOptions: { attrFunc: secretAttrs },
};
