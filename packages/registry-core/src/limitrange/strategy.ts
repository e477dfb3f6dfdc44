import { ColumnTableConvertor, DefaultStrategy, field, nameColumn, Path, type ErrorList, type KObject, type RequestContext, type J } from '@kapi/apiserver-core';
import { validateEnum, validateResourceList } from '../validation/common';
import { parseQuantity } from '../validation/quantity';

const limitTypes = ['Container', 'PersistentVolumeClaim', 'Pod'];

/** ValidateLimitRange: known types, valid quantities, min ≤ defaultRequest ≤ default ≤ max per resource. */
export function validateLimitRange(obj: KObject): ErrorList {
  const errs: ErrorList = [];
  (((obj.spec as J | undefined)?.limits ?? []) as J[]).forEach((l, i) => {
    const lp = Path.root('spec').child('limits').index(i);
    errs.push(...validateEnum(l.type, lp.child('type'), limitTypes));
    for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) errs.push(...validateResourceList(l[k], lp.child(k)));
    if (l.type === 'Pod' && (l.default || l.defaultRequest))
      errs.push(field.forbidden(lp.child(l.default ? 'default' : 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
    const names = new Set([...Object.keys(l.min ?? {}), ...Object.keys(l.max ?? {}), ...Object.keys(l.default ?? {}), ...Object.keys(l.defaultRequest ?? {})]);
    for (const r of names) {
      const min = parseQuantity(l.min?.[r]);
      const max = parseQuantity(l.max?.[r]);
      const dflt = parseQuantity(l.default?.[r]);
      const req = parseQuantity(l.defaultRequest?.[r]);
      if (min !== undefined && max !== undefined && min > max)
        errs.push(field.invalid(lp.child('min').key(r), l.min[r], `min value ${l.min[r]} is greater than max value ${l.max[r]}`));
      if (req !== undefined && max !== undefined && req > max)
        errs.push(field.invalid(lp.child('defaultRequest').key(r), l.defaultRequest[r], `default request value ${l.defaultRequest[r]} is greater than max value ${l.max[r]}`));
      if (dflt !== undefined && max !== undefined && dflt > max)
        errs.push(field.invalid(lp.child('default').key(r), l.default[r], `default value ${l.default[r]} is greater than max value ${l.max[r]}`));
      if (dflt !== undefined && min !== undefined && dflt < min)
        errs.push(field.invalid(lp.child('default').key(r), l.default[r], `min value ${l.min[r]} is greater than default value ${l.default[r]}`));
      if (req !== undefined && dflt !== undefined && req > dflt)
        errs.push(
          field.invalid(lp.child('defaultRequest').key(r), l.defaultRequest[r], `default request value ${l.defaultRequest[r]} is greater than default limit value ${l.default[r]}`),
        );
    }
  });
  return errs;
}

/** pkg/registry/core/limitrange/strategy.go. */
export class LimitRangeStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'LimitRange' };
  namespaceScoped(): boolean {
    return true;
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateLimitRange(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateLimitRange(obj);
  }
}

export const limitRangeStrategy = new LimitRangeStrategy();

/** kubectl get limitranges: NAME CREATED AT. */
export const limitRangeTable = new ColumnTableConvertor([
  nameColumn,
  {
    name: 'Created At',
    type: 'date',
    description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
    cell: (o) => String(o.metadata?.creationTimestamp ?? ''),
  },
]);
