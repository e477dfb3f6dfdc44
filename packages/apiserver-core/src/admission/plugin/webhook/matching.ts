import { LabelSelector, type Operator, type Requirement } from '../../../labels/selector';
import type { KObject } from '../../../runtime/object';
import type { Attributes } from '../../attributes';
import type { LabelSelectorSpec, WebhookRule } from './types';

/** rules.Matcher: operation, group, version, resource/subresource (with wildcards) and scope. */
export function ruleMatches(rule: WebhookRule, a: Attributes): boolean {
  const has = (list: string[] | undefined, v: string) => (list ?? []).some((x) => x === '*' || x === v);
  if (!has(rule.operations, a.operation) || !has(rule.apiGroups, a.resource.group) || !has(rule.apiVersions, a.resource.version)) return false;
  if (!(rule.resources ?? []).some((r) => resourceMatches(r, a.resource.resource, a.subresource))) return false;
  switch (rule.scope ?? '*') {
    case 'Cluster':
      return a.namespace === '' || isNamespace(a);
    case 'Namespaced':
      return a.namespace !== '' && !isNamespace(a);
    default:
      return true;
  }
}

const isNamespace = (a: Attributes) => a.resource.group === '' && a.resource.resource === 'namespaces';

function resourceMatches(pattern: string, resource: string, subresource: string): boolean {
  if (pattern === '*/*') return true;
  const slash = pattern.indexOf('/');
  if (slash < 0) return subresource === '' && (pattern === '*' || pattern === resource);
  const res = pattern.slice(0, slash);
  const sub = pattern.slice(slash + 1);
  return (res === '*' || res === resource) && (sub === '*' || sub === subresource);
}

const operators: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** metav1.LabelSelectorAsSelector for matching; an unset selector matches everything, an unknown operator nothing. */
export function selectorMatches(spec: LabelSelectorSpec | undefined, labels: Record<string, string> | undefined): boolean {
  const reqs: Requirement[] = Object.entries(spec?.matchLabels ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] }));
  for (const e of spec?.matchExpressions ?? []) {
    const op = operators[e.operator];
    if (!op) return false;
    reqs.push({ key: e.key, operator: op, values: e.values ?? [] });
  }
  return new LabelSelector(reqs).matches(labels ?? {});
}

/** object.Matcher: the new object's labels or the old object's (a DELETE has only the old one). */
export function objectSelectorMatches(spec: LabelSelectorSpec | undefined, a: Attributes): boolean {
  const labelsOf = (o: KObject | undefined) => o?.metadata?.labels as Record<string, string> | undefined;
  if (!spec || (!spec.matchLabels && !spec.matchExpressions?.length)) return true;
  return [a.object, a.oldObject].some((o) => o !== undefined && selectorMatches(spec, labelsOf(o)));
}
