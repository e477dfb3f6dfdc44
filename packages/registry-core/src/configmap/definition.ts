import type { ResourceDefinition } from '@kapi/apiserver-core';
import { configMapSchema } from './schema';
import { configMapStrategy } from './strategy';
import { configMapTable } from './table';

/** v1 configmaps: one declaration, the helper builds the Store. */
export const configMapDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  scope: 'Namespaced',
  shortNames: ['cm'],
  strategy: configMapStrategy,
  table: configMapTable,
  schema: configMapSchema,
};
