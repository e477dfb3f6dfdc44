import type { ResourceDefinition } from '@kapi/apiserver-core';
import { limitRangeSchema } from './schema';
import { limitRangeStrategy, limitRangeTable } from './strategy';

/** v1 limitranges: one declaration, the helper builds the Store. */
export const limitRangeDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  scope: 'Namespaced',
  shortNames: ['limits'],
  strategy: limitRangeStrategy,
  table: limitRangeTable,
  schema: limitRangeSchema,
};
