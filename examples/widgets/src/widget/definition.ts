import type { ResourceDefinition } from '@kapi/apiserver-core';
import { widgetSchema } from './schema';
import { widgetStatusStrategy, widgetStrategy } from './strategy';
import { widgetTable } from './table';

/** widgets.example.dev/v1 widgets: the one declaration the helper builds storage, /status, Table, schema and discovery from. */
export const widgetDefinition: ResourceDefinition = {
  group: 'widgets.example.dev',
  version: 'v1',
  kind: 'Widget',
  plural: 'widgets',
  scope: 'Namespaced',
  shortNames: ['wdg'],
  categories: ['all', 'example'],
  strategy: widgetStrategy,
  status: widgetStatusStrategy,
  generation: true,
  table: widgetTable,
  schema: widgetSchema,
};
