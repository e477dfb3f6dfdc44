import { field, isDNS1123Subdomain, Path, type ErrorList, type ValidateNameFunc } from '@kapi/apiserver-core';
import { validateLabelSelector } from '@kapi/registry-apps';
import { GroupKind, rbacGroup, ServiceAccountKind, UserKind, type AggregationRule, type PolicyRule, type RoleRef, type Subject } from './types';

/**
 * ValidateRBACName = path.IsValidPathSegmentName: RBAC names only need to be usable in a URL path,
 * which is why "system:controller:foo" is a valid name.
 */
export const validateRBACName: ValidateNameFunc = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
};

/** ValidatePolicyRule: verbs always; resource rules need groups and resources; URLs only cluster-wide and alone. */
export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: Path): ErrorList {
  const errs: ErrorList = [];
  if ((rule.verbs ?? []).length === 0) errs.push(field.required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) errs.push(field.invalid(path.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length > 0 || (rule.resources ?? []).length > 0 || (rule.resourceNames ?? []).length > 0) {
      errs.push(field.invalid(path.child('nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if ((rule.apiGroups ?? []).length === 0) errs.push(field.required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if ((rule.resources ?? []).length === 0) errs.push(field.required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

export function validateRules(rules: PolicyRule[] | null | undefined, namespaced: boolean): ErrorList {
  return (rules ?? []).flatMap((r, i) => validatePolicyRule(r, namespaced, Path.root('rules').index(i)));
}

/** ClusterRole.aggregationRule: at least one selector, each a valid label selector. */
export function validateAggregationRule(rule: AggregationRule | undefined): ErrorList {
  if (!rule) return [];
  const path = Path.root('aggregationRule').child('clusterRoleSelectors');
  const selectors = rule.clusterRoleSelectors ?? [];
  if (selectors.length === 0) return [field.required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil')];
  return selectors.flatMap((s, i) => validateLabelSelector(s, path.index(i)));
}

/** A binding's roleRef: the RBAC group, one of the allowed kinds, a path-segment name. */
export function validateRoleRef(ref: RoleRef | undefined, kinds: string[]): ErrorList {
  const path = Path.root('roleRef');
  const r: Partial<RoleRef> = ref ?? {};
  const errs: ErrorList = [];
  if (r.apiGroup !== rbacGroup) errs.push(field.notSupported(path.child('apiGroup'), r.apiGroup ?? '', [rbacGroup]));
  if (!kinds.includes(r.kind ?? '')) errs.push(field.notSupported(path.child('kind'), r.kind ?? '', kinds));
  if (!r.name) errs.push(field.required(path.child('name'), ''));
  else for (const msg of validateRBACName(r.name, false)) errs.push(field.invalid(path.child('name'), r.name, msg));
  return errs;
}

/** ValidateRoleBindingSubject: a name always; ServiceAccounts in the core group (and namespaced in a ClusterRoleBinding), Users and Groups in the RBAC group. */
export function validateSubject(subject: Subject, namespaced: boolean, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (!subject.name) errs.push(field.required(path.child('name'), ''));
  switch (subject.kind) {
    case ServiceAccountKind:
      if (subject.name) for (const msg of isDNS1123Subdomain(subject.name)) errs.push(field.invalid(path.child('name'), subject.name, msg));
      if (subject.apiGroup) errs.push(field.notSupported(path.child('apiGroup'), subject.apiGroup, ['']));
      if (!namespaced && !subject.namespace) errs.push(field.required(path.child('namespace'), ''));
      break;
    case UserKind:
    case GroupKind:
      if (subject.apiGroup !== rbacGroup) errs.push(field.notSupported(path.child('apiGroup'), subject.apiGroup ?? '', [rbacGroup]));
      break;
    default:
      errs.push(field.notSupported(path.child('kind'), subject.kind ?? '', [ServiceAccountKind, UserKind, GroupKind]));
  }
  return errs;
}

export function validateSubjects(subjects: Subject[] | null | undefined, namespaced: boolean): ErrorList {
  return (subjects ?? []).flatMap((s, i) => validateSubject(s, namespaced, Path.root('subjects').index(i)));
}
