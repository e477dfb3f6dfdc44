import { setPodTemplateSpecDefaults } from '@kapi/registry-core';
import type { PodTemplateSpec } from './types';

/** SetDefaults_PodSpec and SetDefaults_Container on a workload's template: registry-core's, shared with pods and replication controllers. */
export function defaultPodTemplateSpec(template: PodTemplateSpec | undefined): void {
  setPodTemplateSpecDefaults(template as Parameters<typeof setPodTemplateSpecDefaults>[0]);
}
