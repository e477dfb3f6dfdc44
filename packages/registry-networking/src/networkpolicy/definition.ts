import type { ResourceDefinition } from '@kapi/apiserver-core';
import { networkPolicyStrategy } from './strategy';
import { networkPolicyTable } from './table';

/** networking.k8s.io/v1 networkpolicies (netpol). */
export const networkPolicyDefinition: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  scope: 'Namespaced',
  shortNames: ['netpol'],
  strategy: networkPolicyStrategy,
  generation: true,
  table: networkPolicyTable,
};
