import type { PolicyRule } from '../common/types';

/**
 * A compact way to write the bootstrap policy's rules. Like kube's rule builder, every list comes
 * out sorted and without duplicates, so the stored roles read exactly as kube-apiserver's.
 */
const sorted = (values: readonly string[]): string[] => [...new Set(values)].sort();

export const Read = ['get', 'list', 'watch'];
export const Write = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const ReadWrite = [...Read, ...Write];

/** Verbs on resources of API groups, optionally only on some names. */
export function rule(verbs: readonly string[], groups: readonly string[], resources: readonly string[], names?: readonly string[]): PolicyRule {
  const r: PolicyRule = { verbs: sorted(verbs), apiGroups: sorted(groups), resources: sorted(resources) };
  if (names?.length) r.resourceNames = sorted(names);
  return r;
}

/** Verbs on non-resource URLs. */
export function urls(verbs: readonly string[], paths: readonly string[]): PolicyRule {
  return { verbs: sorted(verbs), nonResourceURLs: sorted(paths) };
}

/** Most controllers record Events in both the core and the events.k8s.io group. */
export const eventsRule = (): PolicyRule => rule(['create', 'update', 'patch'], ['', 'events.k8s.io'], ['events']);
