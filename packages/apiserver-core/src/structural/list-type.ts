import { canonicalJSON } from '../fieldmanager/field-set';
import { field, type ErrorList, type Path } from '../validation/field';
import { isObject } from './types';

/**
 * Uniqueness of `x-kubernetes-list-type: set` items and of `map` keys: each value seen again is reported once, at its
 * second occurrence, as "Duplicate value" (kube-apiserver's listtype validation).
 */
export function validateListSet(path: Path, items: unknown[]): ErrorList {
  return secondOccurrences(items.map(canonicalJSON)).map((i) => field.duplicate(path.index(i), items[i]));
}

export function validateListMap(path: Path, items: unknown[], keyFields: string[]): ErrorList {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (x !== null && !isObject(x)) return [field.invalid(path.index(i), x, 'must be an object for an array of list-type map')];
  }
  const keys = items.map((x) => {
    const key: Record<string, unknown> = {};
    for (const k of keyFields) if (isObject(x) && k in x) key[k] = x[k];
    return key;
  });
  return secondOccurrences(keys.map(canonicalJSON)).map((i) => field.duplicate(path.index(i), keys[i]));
}

function secondOccurrences(texts: string[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  texts.forEach((t, i) => {
    const n = seen.get(t) ?? 0;
    if (n === 1) out.push(i);
    seen.set(t, n + 1);
  });
  return out;
}
