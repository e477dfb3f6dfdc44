import type { ResourceDefinition } from '@kapi/apiserver-core';
import { leaseStrategy } from './strategy';
import { leaseTable } from './table';

/** coordination.k8s.io/v1 leases: no short names, no categories, no subresources (as kube's discovery lists them). */
export const leaseDefinition: ResourceDefinition = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  scope: 'Namespaced',
  strategy: leaseStrategy,
  table: leaseTable,
};
