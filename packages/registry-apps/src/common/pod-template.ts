import {
  field, isDNS1123Label, Path, validateAnnotations, validateLabels, type ErrorList,
} from '@kapi/apiserver-core';
import type { ContainerSpec, PodTemplateSpec } from './types';

/*
 * Stopgap until registry-core exports the pod template defaulting and validation of
 * pkg/apis/core (issue 8): the defaults a Deployment's template reads back with on a real cluster,
 * and the rules a controller's template must meet. Replace both with registry-core's when it lands.
 */

function defaultContainer(c: ContainerSpec): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (c.imagePullPolicy === undefined && c.image !== undefined) {
    // SetDefaults_Container: ":latest" or no tag pulls Always, a pinned tag or digest IfNotPresent.
    const tail = c.image.slice(c.image.lastIndexOf('/') + 1);
    const pinned = c.image.includes('@') || (tail.includes(':') && !tail.endsWith(':latest'));
    c.imagePullPolicy = pinned ? 'IfNotPresent' : 'Always';
  }
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
}

/** SetDefaults_PodSpec and SetDefaults_Container as applied to a template. */
export function defaultPodTemplateSpec(template: PodTemplateSpec | undefined): void {
  const spec = template?.spec;
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(c);
}

function validateContainers(containers: ContainerSpec[] | undefined, path: Path, required: boolean, seen: Set<string>): ErrorList {
  const errs: ErrorList = [];
  if (required && (containers ?? []).length === 0) errs.push(field.required(path, ''));
  (containers ?? []).forEach((c, i) => {
    const p = path.index(i);
    if (!c.name) errs.push(field.required(p.child('name'), ''));
    else {
      for (const msg of isDNS1123Label(c.name)) errs.push(field.invalid(p.child('name'), c.name, msg));
      if (seen.has(c.name)) errs.push(field.duplicate(p.child('name'), c.name));
      seen.add(c.name);
    }
  });
  return errs;
}

/**
 * ValidatePodTemplateSpecForReplicaSet and its kin, minimal: labels and annotations, containers
 * named and unique, restartPolicy Always (the only one a controller's pods may use) and no
 * activeDeadlineSeconds.
 */
export function validateWorkloadPodTemplate(template: PodTemplateSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  const meta = path.child('metadata');
  errs.push(...validateLabels(template.metadata?.labels, meta.child('labels')));
  errs.push(...validateAnnotations(template.metadata?.annotations, meta.child('annotations')));
  const spec = template.spec ?? {};
  const specPath = path.child('spec');
  const names = new Set<string>();
  errs.push(...validateContainers(spec.containers, specPath.child('containers'), true, names));
  errs.push(...validateContainers(spec.initContainers, specPath.child('initContainers'), false, names));
  if (spec.restartPolicy !== undefined && spec.restartPolicy !== 'Always') errs.push(field.notSupported(specPath.child('restartPolicy'), spec.restartPolicy ?? '', ['Always']));
  if (spec.activeDeadlineSeconds !== undefined) {
    errs.push(field.invalid(specPath.child('activeDeadlineSeconds'), spec.activeDeadlineSeconds, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}
