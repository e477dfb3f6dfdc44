import type { PolicyRule } from '../common/types';

/**
 * CompactRules and CompactString (pkg/registry/rbac/validation, pkg/apis/rbac/v1/helpers): the
 * missing permissions of an escalation error, with the verbs of one group/resource/name gathered
 * in one line, printed as kube prints them with Go's %q of a string slice.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const key = simpleResourceKey(rule);
    if (key === undefined) {
      compacted.push(rule);
      continue;
    }
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...rule.verbs];
    else simple.set(key, structuredClone(rule));
  }
  return [...compacted, ...simple.values()];
}

/** One group, one resource, at most one name and no URL: rules that differ only by verb merge. */
function simpleResourceKey(rule: PolicyRule): string | undefined {
  if ((rule.nonResourceURLs ?? []).length > 0) return undefined;
  if ((rule.apiGroups ?? []).length !== 1 || (rule.resources ?? []).length !== 1) return undefined;
  const names = rule.resourceNames ?? [];
  if (names.length > 1) return undefined;
  return JSON.stringify([rule.apiGroups![0], rule.resources![0], names.length > 0, names[0] ?? '']);
}

/** Go's %q of a []string: ["a" "b"]. */
export function goQuotedList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

/** rbacv1helpers.CompactString: {APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  const add = (label: string, values: string[] | undefined) => {
    if (values && values.length > 0) parts.push(`${label}:${goQuotedList(values)}`);
  };
  add('APIGroups', rule.apiGroups);
  add('Resources', rule.resources);
  add('NonResourceURLs', rule.nonResourceURLs);
  add('ResourceNames', rule.resourceNames);
  add('Verbs', rule.verbs);
  return `{${parts.join(', ')}}`;
}
