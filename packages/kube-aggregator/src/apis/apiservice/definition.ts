import type { ResourceDefinition } from '@kapi/apiserver-core';
import { apiServiceStatusStrategy, apiServiceStrategy } from './strategy';
import { apiServiceTable } from './table';
import { apiregistrationGroup } from './types';

/** apiregistration.k8s.io/v1 apiservices; the schema is Kubernetes' own APIService. */
export const apiServiceDefinition: ResourceDefinition = {
  group: apiregistrationGroup,
  version: 'v1',
  kind: 'APIService',
  plural: 'apiservices',
  scope: 'Cluster',
  categories: ['api-extensions'],
  status: apiServiceStatusStrategy,
  strategy: apiServiceStrategy,
  table: apiServiceTable,
};
