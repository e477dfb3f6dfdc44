import type { ResourceDefinition } from '@kapi/apiserver-core';
import { secretSchema } from './schema';
import { mergeStringData, secretAttrs, secretStrategy } from './strategy';
import { secretTable } from './table';

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
  // kube folds stringData into data when it decodes the request: managed fields then name data, not stringData.
  store: { convertDecoded: mergeStringData },
  storeOptions: { attrFunc: secretAttrs },
};
