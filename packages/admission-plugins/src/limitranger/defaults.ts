import type { KObject } from '@kapi/apiserver-core';

export type ResourceList = Record<string, string>;
export interface Container {
  name?: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
}
export interface LimitRangeItem {
  type?: string;
  min?: ResourceList;
  max?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
}

export const limitRangerAnnotation = 'kubernetes.io/limit-ranger';

export const limitsOf = (lr: KObject): LimitRangeItem[] => (lr.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? [];

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}
export const podSpecOf = (pod: KObject): PodSpec => (pod.spec ?? {}) as PodSpec;

/** defaultContainerResourceRequirements: the Container items' default limits and default requests of one LimitRange. */
function defaultRequirements(lr: KObject): { requests: ResourceList; limits: ResourceList } {
  const out = { requests: {} as ResourceList, limits: {} as ResourceList };
  for (const item of limitsOf(lr).filter((l) => l.type === 'Container')) {
    Object.assign(out.requests, item.defaultRequest);
    Object.assign(out.limits, item.default);
  }
  return out;
}

/** mergeContainerResources: fills what the container leaves unset; returns the annotation's parts. */
function mergeContainer(c: Container, defaults: { requests: ResourceList; limits: ResourceList }, prefix: string): string[] {
  const res = (c.resources ??= {});
  const limits = (res.limits ??= {});
  const requests = (res.requests ??= {});
  const setLimits = Object.keys(defaults.limits).filter((k) => !(k in limits));
  const setRequests = Object.keys(defaults.requests).filter((k) => !(k in requests));
  for (const k of setLimits) limits[k] = defaults.limits[k];
  for (const k of setRequests) requests[k] = defaults.requests[k];
  const notes: string[] = [];
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name ?? ''}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name ?? ''}`);
  return notes;
}

/** PodMutateLimitFunc: the LimitRange's container defaults, noted in the kubernetes.io/limit-ranger annotation. */
export function mutatePodLimits(lr: KObject, pod: KObject): void {
  const defaults = defaultRequirements(lr);
  const spec = podSpecOf(pod);
  const notes = [
    ...(spec.containers ?? []).flatMap((c) => mergeContainer(c, defaults, 'container')),
    ...(spec.initContainers ?? []).flatMap((c) => mergeContainer(c, defaults, 'init container')),
  ];
  if (notes.length) {
    const meta = (pod.metadata ??= {});
    meta.annotations = { ...meta.annotations, [limitRangerAnnotation]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}
