import type { AuthorizationAttributes } from '@kapi/apiserver-core';
import { All, type PolicyRule } from '../common/types';

/**
 * How one PolicyRule matches a request (rbacv1helpers.VerbMatches … NonResourceURLMatches and
 * rbac.RuleAllows). These run on every request, so they are plain loops over short arrays.
 */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.includes(All) || rule.verbs.includes(verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  const groups = rule.apiGroups ?? [];
  return groups.includes(All) || groups.includes(group);
}

/**
 * "*" matches everything, "pods/log" matches itself, and "*\/log" matches the log subresource of
 * any resource — but never a request without that subresource.
 */
export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === All || r === combinedResource) return true;
    if (subresource && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/** No resourceNames means every name; a list means only those (and never a nameless list or create). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** "/healthz" matches itself; a trailing "*" matches every path with that prefix ("/apis/*"). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs ?? []) {
    if (url === All || url === path) return true;
    if (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** rbac.RuleAllows: whether the rule grants the request. */
export function ruleAllows(attrs: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, attrs.verb)) return false;
  if (!attrs.resourceRequest) return nonResourceURLMatches(rule, attrs.path ?? '');
  const subresource = attrs.subresource ?? '';
  const combined = subresource ? `${attrs.resource ?? ''}/${subresource}` : (attrs.resource ?? '');
  return apiGroupMatches(rule, attrs.apiGroup ?? '') && resourceMatches(rule, combined, subresource) && resourceNameMatches(rule, attrs.name ?? '');
}
