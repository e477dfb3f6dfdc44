import type { KObject } from '@kapi/apiserver-core';
import { parseQuantity } from '@kapi/registry-core';
import { limitsOf, podSpecOf, type Container, type ResourceList } from './defaults';

const value = (q: string | undefined) => (q === undefined ? undefined : parseQuantity(q));

/** minConstraint: a request is required and may not be under min; a limit, if any, neither. */
function minConstraint(type: string, name: string, enforced: string, requests: ResourceList, limits: ResourceList): string | undefined {
  const min = value(enforced)!;
  if (!(name in requests)) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (value(requests[name])! < min) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${requests[name]}`;
  if (name in limits && value(limits[name])! < min) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${limits[name]}`;
  return undefined;
}

/** maxConstraint: a limit is required and may not be over max; a request, if any, neither. */
function maxConstraint(type: string, name: string, enforced: string, requests: ResourceList, limits: ResourceList): string | undefined {
  const max = value(enforced)!;
  if (!(name in limits)) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (value(limits[name])! > max) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${limits[name]}`;
  if (name in requests && value(requests[name])! > max) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${requests[name]}`;
  return undefined;
}

/**
 * PodValidateLimitFunc for Container items: every container and init container within min and max.
 * Pod items and maxLimitRequestRatio are not enforced yet.
 */
export function validatePodLimits(lr: KObject, pod: KObject): string[] {
  const spec = podSpecOf(pod);
  const containers: Container[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  const errs: string[] = [];
  for (const item of limitsOf(lr).filter((l) => l.type === 'Container')) {
    for (const c of containers) {
      const requests = c.resources?.requests ?? {};
      const limits = c.resources?.limits ?? {};
      for (const [k, v] of Object.entries(item.min ?? {})) errs.push(...[minConstraint('Container', k, v, requests, limits)].filter((e): e is string => !!e));
      for (const [k, v] of Object.entries(item.max ?? {})) errs.push(...[maxConstraint('Container', k, v, requests, limits)].filter((e): e is string => !!e));
    }
  }
  return errs;
}
