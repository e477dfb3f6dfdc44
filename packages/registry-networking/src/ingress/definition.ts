import type { ResourceDefinition } from '@kapi/apiserver-core';
import { ingressStatusStrategy, ingressStrategy } from './strategy';
import { ingressTable } from './table';

/** networking.k8s.io/v1 ingresses (ing) and ingresses/status. */
export const ingressDefinition: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  scope: 'Namespaced',
  shortNames: ['ing'],
  strategy: ingressStrategy,
  status: ingressStatusStrategy,
  generation: true,
  table: ingressTable,
};
