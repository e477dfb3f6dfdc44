import type { ResourceDefinition } from '@kapi/apiserver-core';
import { widgetStructuralSchema } from './schema';
import { widgetTable } from './table';

/**
 * widgets.example.dev/v1 widgets: the one declaration the helper builds storage, /status, Table,
 * discovery and OpenAPI from. Defaults, enums, bounds and the immutable colour are the schema's
 * (pruned, defaulted and validated on every write, as a custom resource is), so no strategy is needed.
 */
export const widgetDefinition: ResourceDefinition = {
  group: 'widgets.example.dev',
  version: 'v1',
  kind: 'Widget',
  plural: 'widgets',
  scope: 'Namespaced',
  shortNames: ['wdg'],
  categories: ['all', 'example'],
  status: true,
  generation: true,
  table: widgetTable,
  structuralSchema: widgetStructuralSchema,
};
