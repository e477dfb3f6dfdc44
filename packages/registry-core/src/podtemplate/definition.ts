import type { ResourceDefinition } from '@kapi/apiserver-core';
import { podTemplateSchema } from './schema';
import { podTemplateStrategy, podTemplateTable } from './strategy';

/** v1 podtemplates: one declaration, the helper builds the Store. */
export const podTemplateDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  plural: 'podtemplates',
  scope: 'Namespaced',
  strategy: podTemplateStrategy,
  table: podTemplateTable,
  schema: podTemplateSchema,
};
