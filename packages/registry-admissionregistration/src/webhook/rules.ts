import { field, type ErrorList, type Path } from '@kapi/apiserver-core';
import type { RuleWithOperations } from './types';

const supportedOperations = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const validScopes = ['*', 'Cluster', 'Namespaced'];

/** validateRuleWithOperations: operations, then the rule's groups, versions, resources and scope. */
export function validateRuleWithOperations(rule: RuleWithOperations, path: Path): ErrorList {
  const errs: ErrorList = [];
  const ops = rule.operations ?? [];
  if (ops.length === 0) errs.push(field.required(path.child('operations')));
  if (ops.length > 1 && ops.includes('*')) errs.push(field.invalid(path.child('operations'), ops, "if '*' is present, must not specify other operations"));
  ops.forEach((op, i) => {
    if (!supportedOperations.includes(op)) errs.push(field.notSupported(path.child('operations').index(i), op, supportedOperations));
  });
  return [...errs, ...validateRule(rule, path)];
}

function validateRule(rule: RuleWithOperations, path: Path): ErrorList {
  const errs: ErrorList = [];
  const groups = rule.apiGroups ?? [];
  const versions = rule.apiVersions ?? [];
  if (groups.length === 0) errs.push(field.required(path.child('apiGroups')));
  if (groups.length > 1 && groups.includes('*')) errs.push(field.invalid(path.child('apiGroups'), groups, "if '*' is present, must not specify other API groups"));
  if (versions.length === 0) errs.push(field.required(path.child('apiVersions')));
  if (versions.length > 1 && versions.includes('*')) errs.push(field.invalid(path.child('apiVersions'), versions, "if '*' is present, must not specify other API versions"));
  versions.forEach((v, i) => {
    if (v === '') errs.push(field.required(path.child('apiVersions').index(i)));
  });
  errs.push(...validateResources(rule.resources ?? [], path.child('resources')));
  if (rule.scope !== undefined && !validScopes.includes(rule.scope)) errs.push(field.notSupported(path.child('scope'), rule.scope, validScopes));
  return errs;
}

/** validateResources: `resource`, `resource/subresource` and their wildcards, without overlaps. */
function validateResources(resources: string[], path: Path): ErrorList {
  const errs: ErrorList = [];
  if (resources.length === 0) errs.push(field.required(path));
  const wildcardSubresourceOf = new Set<string>();
  const wildcardResourceOf = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSubresource = false;
  resources.forEach((resSub, i) => {
    if (resSub === '') {
      errs.push(field.required(path.index(i)));
      return;
    }
    if (resSub === '*/*') doubleWildcard = true;
    if (resSub === '*') singleWildcard = true;
    const slash = resSub.indexOf('/');
    if (slash < 0) {
      withoutSubresource = resSub !== '*';
      return;
    }
    const res = resSub.slice(0, slash);
    const sub = resSub.slice(slash + 1);
    if (wildcardSubresourceOf.has(res)) errs.push(field.invalid(path.index(i), resSub, `if '${res}/*' is present, must not specify ${resSub}`));
    if (wildcardResourceOf.has(sub)) errs.push(field.invalid(path.index(i), resSub, `if '*/${sub}' is present, must not specify ${resSub}`));
    if (sub === '*') wildcardSubresourceOf.add(res);
    if (res === '*') wildcardResourceOf.add(sub);
  });
  if (resources.length > 1 && doubleWildcard) errs.push(field.invalid(path, resources, "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && withoutSubresource) errs.push(field.invalid(path, resources, "if '*' is present, must not specify other resources without subresources"));
  return errs;
}
