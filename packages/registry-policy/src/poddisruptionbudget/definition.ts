import type { ResourceDefinition } from '@kapi/apiserver-core';
import { podDisruptionBudgetStatusStrategy, podDisruptionBudgetStrategy } from './strategy';
import { podDisruptionBudgetTable } from './table';

/** policy/v1 poddisruptionbudgets (+status), as kube-apiserver 1.32 serves them. */
export const podDisruptionBudgetDefinition: ResourceDefinition = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  scope: 'Namespaced',
  shortNames: ['pdb'],
  strategy: podDisruptionBudgetStrategy,
  status: podDisruptionBudgetStatusStrategy,
  generation: true,
  table: podDisruptionBudgetTable,
};
