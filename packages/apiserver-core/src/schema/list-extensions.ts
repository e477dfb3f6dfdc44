import type { SchemaObject } from './types';

/**
 * Shorthands for the list extensions a plugin's own definitions declare as kube's Go types do
 * with struct tags and +listType markers. Built-in definitions carry theirs already (they come from
 * Kubernetes' own OpenAPI), so these are for definitions a group writes itself.
 */
export function mergeByKey(key: string, ...mapKeys: string[]): Partial<SchemaObject> {
  return {
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': mapKeys.length ? mapKeys : [key],
  };
}

export const atomicList: Partial<SchemaObject> = { 'x-kubernetes-list-type': 'atomic' };

/** metav1.Condition lists: merged by type, as every Kubernetes status declares them. */
export const conditionsList = mergeByKey('type');
