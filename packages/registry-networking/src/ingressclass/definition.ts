import type { ResourceDefinition } from '@kapi/apiserver-core';
import { ingressClassStrategy } from './strategy';
import { ingressClassTable } from './table';

/** networking.k8s.io/v1 ingressclasses: cluster-scoped, no short names (kube's discovery). */
export const ingressClassDefinition: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  plural: 'ingressclasses',
  scope: 'Cluster',
  strategy: ingressClassStrategy,
  generation: true,
  table: ingressClassTable,
};
