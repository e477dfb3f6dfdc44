import { field, type ErrorList, type Path } from '@kapi/apiserver-core';
import { setPodTemplateSpecDefaults, validatePodTemplateSpec } from '@kapi/registry-core';
import type { PodTemplateSpec } from './types';

type CoreTemplate = Parameters<typeof validatePodTemplateSpec>[0];

/** SetDefaults_PodSpec and SetDefaults_Container on a workload's template: registry-core's, shared with pods and replication controllers. */
export function defaultPodTemplateSpec(template: PodTemplateSpec | undefined): void {
  setPodTemplateSpecDefaults(template as CoreTemplate);
}

/**
 * ValidatePodTemplateSpecForReplicaSet and its kin: the template as registry-core validates any
 * pod template, plus what a controller's pods may not do — restart other than Always (the
 * controller replaces them instead) or carry activeDeadlineSeconds.
 */
export function validateWorkloadPodTemplate(template: PodTemplateSpec, path: Path): ErrorList {
  const errs: ErrorList = validatePodTemplateSpec(template as CoreTemplate, path);
  const spec = template.spec ?? {};
  const specPath = path.child('spec');
  if (spec.restartPolicy !== undefined && spec.restartPolicy !== 'Always') errs.push(field.notSupported(specPath.child('restartPolicy'), spec.restartPolicy, ['Always']));
  if (spec.activeDeadlineSeconds !== undefined) {
    errs.push(field.invalid(specPath.child('activeDeadlineSeconds'), spec.activeDeadlineSeconds, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}
