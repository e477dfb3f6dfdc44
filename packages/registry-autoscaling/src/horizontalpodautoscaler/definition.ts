import type { ResourceDefinition } from '@kapi/apiserver-core';
import { horizontalPodAutoscalerV1 } from './conversion-v1';
import { horizontalPodAutoscalerStatusStrategy, horizontalPodAutoscalerStrategy } from './strategy';
import { horizontalPodAutoscalerTable } from './table';

/**
 * autoscaling horizontalpodautoscalers (+status): stored as v2 (kube 1.32's storage version) and
 * served as v2 and, converted, as v1 — one object seen two ways.
 */
export const horizontalPodAutoscalerDefinition: ResourceDefinition = {
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  scope: 'Namespaced',
  shortNames: ['hpa'],
  categories: ['all'],
  strategy: horizontalPodAutoscalerStrategy,
  status: horizontalPodAutoscalerStatusStrategy,
  table: horizontalPodAutoscalerTable,
  versions: { v1: horizontalPodAutoscalerV1 },
};
