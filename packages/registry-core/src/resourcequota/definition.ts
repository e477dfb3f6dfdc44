import type { ResourceDefinition } from '@kapi/apiserver-core';
import { resourceQuotaSchema } from './schema';
import { resourceQuotaStatusStrategy, resourceQuotaStrategy, resourceQuotaTable } from './strategy';

/** v1 resourcequotas: one declaration, the helper builds the Store, /status. */
export const resourceQuotaDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  scope: 'Namespaced',
  shortNames: ['quota'],
  strategy: resourceQuotaStrategy,
  status: resourceQuotaStatusStrategy,
  table: resourceQuotaTable,
  schema: resourceQuotaSchema,
};
