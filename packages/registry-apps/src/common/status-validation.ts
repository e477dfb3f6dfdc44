import { field, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { statusPath, validateNonnegative } from './workload-validation';

type Counts = Record<string, number | undefined>;

/**
 * Validate<Kind>Status: every count non-negative, and a count that is a subset of another
 * (ready ⊆ replicas, available ⊆ ready …) never larger than it. `subsets` pairs [part, whole].
 */
export function validateStatusCounts(obj: KObject, counts: string[], subsets: [string, string][] = []): ErrorList {
  const status = (obj.status ?? {}) as Counts;
  const errs: ErrorList = [];
  for (const name of ['observedGeneration', ...counts]) errs.push(...validateNonnegative(status[name], statusPath.child(name)));
  for (const [part, whole] of subsets) {
    const p = status[part] ?? 0;
    const w = status[whole] ?? 0;
    if (p > w) errs.push(field.invalid(statusPath.child(part), p, `cannot be greater than status.${whole}`));
  }
  return errs;
}
