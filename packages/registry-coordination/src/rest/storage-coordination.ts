import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { leaseDefinition } from '../lease/definition';

/** coordination.k8s.io/v1: leases (leader election, node heartbeats, apiserver identity). */
export const coordinationRESTStorageProvider = newRESTStorageProviderFor({
  group: 'coordination.k8s.io',
  versions: ['v1'],
  resources: [leaseDefinition],
});
