import { setPodTemplateSpecDefaults } from '@kapi/registry-core';
import type { PodTemplateSpec } from './types';

/**
 * SetDefaults_PodSpec and SetDefaults_Container on a workload's template (registry-core's, shared
 * with pods and replication controllers), read back as kube-apiserver serialises a template.
 */
export function defaultPodTemplateSpec(template: PodTemplateSpec | undefined): void {
  if (!template) return;
  const spec = template.spec;
  const hadServiceLinks = spec !== undefined && 'enableServiceLinks' in spec;
  setPodTemplateSpecDefaults(template as Parameters<typeof setPodTemplateSpecDefaults>[0]);
  // enableServiceLinks is defaulted on Pods only (SetDefaults_Pod), never on a template.
  if (!hadServiceLinks && template.spec) delete template.spec.enableServiceLinks;
  withNullCreationTimestamp(template);
}

/** An embedded ObjectMeta serialises its zero creationTimestamp as null: kube-apiserver returns `creationTimestamp: null`. */
export function withNullCreationTimestamp(embedded: { metadata?: Record<string, unknown> }): void {
  embedded.metadata ??= {};
  if (embedded.metadata.creationTimestamp === undefined) embedded.metadata.creationTimestamp = null;
}
