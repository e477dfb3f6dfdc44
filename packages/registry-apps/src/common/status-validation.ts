import { field, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { statusPath, validateNonnegative } from './workload-validation';

type Counts = Record<string, number | undefined>;

/** A count that is part of another: [part, whole, the message kube-apiserver words for it]. */
export type StatusSubset = [part: string, whole: string, message?: string];

/**
 * Validate<Kind>Status: every count non-negative, and a count that is a subset of another (ready ⊆
 * replicas, available ⊆ ready …) never larger than it.
 */
export function validateStatusCounts(obj: KObject, counts: string[], subsets: StatusSubset[] = []): ErrorList {
  const status = (obj.status ?? {}) as Counts;
  const errs: ErrorList = [];
  for (const name of ['observedGeneration', ...counts]) errs.push(...validateNonnegative(status[name], statusPath.child(name)));
  for (const [part, whole, message] of subsets) {
    const p = status[part] ?? 0;
    if (p > (status[whole] ?? 0)) errs.push(field.invalid(statusPath.child(part), p, message ?? `cannot be greater than status.${whole}`));
  }
  return errs;
}

/** status.collisionCount only grows: the controller adds it to revision hashes to get past collisions. */
export function validateCollisionCountNotDecremented(obj: KObject, old: KObject): ErrorList {
  const now = (obj.status as Counts | undefined)?.collisionCount;
  const before = (old.status as Counts | undefined)?.collisionCount;
  if (before === undefined || (now !== undefined && now >= before)) return [];
  return [field.invalid(statusPath.child('collisionCount'), now ?? 0, 'cannot be decremented')];
}
