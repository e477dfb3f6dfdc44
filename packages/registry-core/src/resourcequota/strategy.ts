import {
  ageColumn,
  ColumnTableConvertor,
  DefaultStrategy,
  field,
  keepStatusOnUpdate,
  nameColumn,
  Path,
  resetStatusOnCreate,
  type ErrorList,
  type KObject,
  type RequestContext,
  type J,
} from '@kapi/apiserver-core';
import { validateResourceList } from '../validation/common';

const scopes = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];

/** ValidateResourceQuota: hard limits are non-negative quantities, scopes known. */
export function validateResourceQuota(obj: KObject): ErrorList {
  const spec = (obj.spec ?? {}) as J;
  const errs = validateResourceList(spec.hard, Path.root('spec').child('hard'));
  ((spec.scopes ?? []) as string[]).forEach((s, i) => {
    if (!scopes.includes(s)) errs.push(field.notSupported(Path.root('spec').child('scopes').index(i), s, scopes));
  });
  return errs;
}

/** pkg/registry/core/resourcequota/strategy.go: status belongs to the quota controller. */
export class ResourceQuotaStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'ResourceQuota' };
  namespaceScoped(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    resetStatusOnCreate(obj);
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    keepStatusOnUpdate(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateResourceQuota(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateResourceQuota(obj);
  }
}

/** resourcequotaStatusStrategy: /status keeps the spec. */
export class ResourceQuotaStatusStrategy extends ResourceQuotaStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    const status = (obj.status ?? {}) as J;
    return [...validateResourceList(status.hard, Path.root('status').child('hard')), ...validateResourceList(status.used, Path.root('status').child('used'))];
  }
}

export const resourceQuotaStrategy = new ResourceQuotaStrategy();
export const resourceQuotaStatusStrategy = new ResourceQuotaStatusStrategy();

/** "pods: 1/10, requests.cpu: 0/2": used/hard per resource, split into requests and limits as kubectl does. */
function usage(o: KObject, limits: boolean): string {
  const status = (o.status ?? {}) as J;
  const hard = (status.hard ?? (o.spec as J | undefined)?.hard ?? {}) as Record<string, string>;
  return Object.keys(hard)
    .sort()
    .filter((k) => k.startsWith('limits.') === limits)
    .map((k) => `${k}: ${status.used?.[k] ?? 0}/${hard[k]}`)
    .join(', ');
}

/** kubectl get resourcequotas: NAME AGE REQUEST LIMIT. */
export const resourceQuotaTable = new ColumnTableConvertor([
  nameColumn,
  ageColumn,
  { name: 'Request', description: 'Request represents a minimum amount of cpu/memory that a container may consume.', cell: (o) => usage(o, false) },
  { name: 'Limit', description: 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.', cell: (o) => usage(o, true) },
]);
