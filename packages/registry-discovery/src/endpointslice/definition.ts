import type { ResourceDefinition } from '@kapi/apiserver-core';
import { endpointSliceStrategy } from './strategy';
import { endpointSliceTable } from './table';

/** discovery.k8s.io/v1 endpointslices: no short names, no categories, no subresources (kube's discovery). */
export const endpointSliceDefinition: ResourceDefinition = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  scope: 'Namespaced',
  strategy: endpointSliceStrategy,
  table: endpointSliceTable,
};
