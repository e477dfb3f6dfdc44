import type { CompiledSchema } from './compiled-schema';
import { isObject } from './types';

/**
 * The old value at the same place as a new one, when kube can tell (its CorrelatedObject): by property name and map
 * key in objects, by key in list-type map lists. Items of other lists have no old counterpart. `undefined` means none;
 * `{ value }` carries an old value that may itself be null.
 */
export interface Correlated {
  value: unknown;
}

export function correlateProperty(old: Correlated | undefined, key: string): Correlated | undefined {
  return old && isObject(old.value) && key in old.value ? { value: old.value[key] } : undefined;
}

export function correlateListItems(node: CompiledSchema, old: Correlated | undefined): (item: unknown) => Correlated | undefined {
  const keys = node.schema['x-kubernetes-list-map-keys'];
  if (!old || node.schema['x-kubernetes-list-type'] !== 'map' || !keys?.length || !Array.isArray(old.value)) return () => undefined;
  const keyOf = (x: unknown) => (isObject(x) ? JSON.stringify(keys.map((k) => x[k] ?? null)) : '');
  const byKey = new Map(old.value.map((x) => [keyOf(x), x]));
  return (item) => {
    const k = keyOf(item);
    return byKey.has(k) ? { value: byKey.get(k) } : undefined;
  };
}
