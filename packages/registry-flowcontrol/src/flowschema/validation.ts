import { field, isDNS1123Label, isDNS1123Subdomain, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { mandatoryFlowSchemas } from '../bootstrap/flow-schemas';
import { validateConditions } from '../common/validation';
import type { FlowSchema, FlowSchemaSpec, NonResourcePolicyRule, PolicyRulesWithSubjects, ResourcePolicyRule, Subject } from './types';

const maxMatchingPrecedence = 10000;
const distinguisherMethods = ['ByNamespace', 'ByUser'];
const supportedVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'proxy', 'update', 'watch'];
const subjectKinds = ['Group', 'ServiceAccount', 'User'];
const namespaceIntro = "each member of this list must be '*' or a DNS-1123 label; ";

function validateVerbs(verbs: string[], path: Path): ErrorList {
  if (verbs.length === 0) return [field.required(path, 'verbs must contain at least one value')];
  if (verbs.includes('*')) return verbs.length > 1 ? [field.invalid(path, verbs, "if '*' is present, must not specify other verbs")] : [];
  return verbs.every((v) => supportedVerbs.includes(v)) ? [] : [field.notSupported(path, verbs, supportedVerbs)];
}

/** The parts of a subject that belong to another kind. */
function otherKindMembers(s: Subject, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (s.kind !== 'ServiceAccount' && s.serviceAccount)
    errs.push(field.forbidden(path.child('serviceAccount'), "serviceAccount is forbidden when subject kind is not 'ServiceAccount'"));
  if (s.kind !== 'User' && s.user) errs.push(field.forbidden(path.child('user'), "user is forbidden when subject kind is not 'User'"));
  if (s.kind !== 'Group' && s.group) errs.push(field.forbidden(path.child('group'), "group is forbidden when subject kind is not 'Group'"));
  return errs;
}

function validateSubject(s: Subject, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (s.kind === 'ServiceAccount') {
    const p = path.child('serviceAccount');
    const sa = s.serviceAccount;
    if (!sa) errs.push(field.required(p, "serviceAccount is required when subject kind is 'ServiceAccount'"));
    else {
      if (!sa.name) errs.push(field.required(p.child('name'), ''));
      else if (sa.name !== '*') for (const m of isDNS1123Subdomain(sa.name)) errs.push(field.invalid(p.child('name'), sa.name, m));
      if (!sa.namespace) errs.push(field.required(p.child('namespace'), 'must specify namespace for service account'));
      else for (const m of isDNS1123Label(sa.namespace)) errs.push(field.invalid(p.child('namespace'), sa.namespace, m));
    }
  } else if (s.kind === 'User' || s.kind === 'Group') {
    const member = s.kind === 'User' ? 'user' : 'group';
    const value = s.kind === 'User' ? s.user : s.group;
    if (!value) errs.push(field.required(path.child(member), `${member} is required when subject kind is '${s.kind}'`));
    else if (!value.name) errs.push(field.required(path.child(member).child('name'), ''));
  } else {
    return [field.notSupported(path.child('kind'), s.kind ?? '', subjectKinds)];
  }
  return [...errs, ...otherKindMembers(s, path)];
}

function validateResourceRule(r: ResourcePolicyRule, path: Path): ErrorList {
  const errs = validateVerbs(r.verbs ?? [], path.child('verbs'));
  const apiGroups = r.apiGroups ?? [];
  if (apiGroups.length === 0) errs.push(field.required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  else if (apiGroups.length > 1 && apiGroups.includes('*')) errs.push(field.invalid(path.child('apiGroups'), apiGroups, "if '*' is present, must not specify other api groups"));
  const resources = r.resources ?? [];
  if (resources.length === 0) errs.push(field.required(path.child('resources'), 'resource rules must supply at least one resource'));
  else if (resources.length > 1 && resources.includes('*')) errs.push(field.invalid(path.child('resources'), resources, "if '*' is present, must not specify other resources"));
  const namespaces = r.namespaces ?? [];
  if (namespaces.length === 0 && !r.clusterScope) {
    errs.push(field.required(path.child('namespaces'), 'resource rules that are not cluster scoped must supply at least one namespace'));
  } else if (namespaces.includes('*')) {
    if (namespaces.length > 1) errs.push(field.invalid(path.child('namespaces'), namespaces, "if '*' is present, must not specify other namespaces"));
  } else {
    namespaces.forEach((ns, i) => isDNS1123Label(ns).forEach((m) => errs.push(field.invalid(path.child('namespaces').index(i), ns, namespaceIntro + m))));
  }
  return errs;
}

/** ValidateNonResourceURLPath: "/", or an absolute path that may end in "/*". */
function nonResourceURLProblem(url: string): string | undefined {
  if (url.length === 0) return 'must not be empty';
  if (url === '/') return undefined;
  if (!url.startsWith('/')) return 'must start with slash';
  if (url.includes(' ')) return 'must not contain white-space';
  if (url.includes('//')) return 'must not contain double slash';
  const wildcards = url.split('*').length - 1;
  if (wildcards > 1 || (wildcards === 1 && !url.endsWith('/*'))) return 'wildcard can only do suffix matching';
  return undefined;
}

function validateNonResourceRule(r: NonResourcePolicyRule, path: Path): ErrorList {
  const errs = validateVerbs(r.verbs ?? [], path.child('verbs'));
  const urls = r.nonResourceURLs ?? [];
  if (urls.length === 0) errs.push(field.required(path.child('nonResourceURLs'), 'nonResourceURLs must contain at least one value'));
  else if (urls.includes('*')) {
    if (urls.length > 1) errs.push(field.invalid(path.child('nonResourceURLs'), urls, "if '*' is present, must not specify other non-resource URLs"));
  } else {
    urls.forEach((u, i) => {
      const problem = nonResourceURLProblem(u);
      if (problem) errs.push(field.invalid(path.child('nonResourceURLs').index(i), u, problem));
    });
  }
  return errs;
}

function validateRule(rule: PolicyRulesWithSubjects, path: Path): ErrorList {
  const errs: ErrorList = [];
  const subjects = rule.subjects ?? [];
  if (subjects.length === 0) errs.push(field.required(path.child('subjects'), 'subjects must contain at least one value'));
  subjects.forEach((s, i) => errs.push(...validateSubject(s, path.child('subjects').index(i))));
  if (!rule.resourceRules?.length && !rule.nonResourceRules?.length) {
    errs.push(field.required(path, 'at least one of resourceRules and nonResourceRules has to be non-empty'));
  }
  (rule.resourceRules ?? []).forEach((r, i) => errs.push(...validateResourceRule(r, path.child('resourceRules').index(i))));
  (rule.nonResourceRules ?? []).forEach((r, i) => errs.push(...validateNonResourceRule(r, path.child('nonResourceRules').index(i))));
  return errs;
}

function validateSpec(name: string, spec: FlowSchemaSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  const precedence = spec.matchingPrecedence ?? 0;
  const precedencePath = path.child('matchingPrecedence');
  if (precedence <= 0) errs.push(field.invalid(precedencePath, precedence, 'must be a positive value'));
  if (precedence > maxMatchingPrecedence) errs.push(field.invalid(precedencePath, precedence, `must not be greater than ${maxMatchingPrecedence}`));
  if (precedence === 1 && name !== 'exempt') errs.push(field.invalid(precedencePath, precedence, "only the schema named 'exempt' may have matchingPrecedence 1"));
  const method = spec.distinguisherMethod;
  if (method && !distinguisherMethods.includes(method.type)) errs.push(field.notSupported(path.child('distinguisherMethod', 'type'), method, distinguisherMethods));
  const plName = spec.priorityLevelConfiguration?.name ?? '';
  const plPath = path.child('priorityLevelConfiguration', 'name');
  if (!plName) errs.push(field.required(plPath, 'must reference a priority level'));
  else for (const m of isDNS1123Subdomain(plName)) errs.push(field.invalid(plPath, plName, m));
  (spec.rules ?? []).forEach((r, i) => errs.push(...validateRule(r, path.child('rules').index(i))));
  return errs;
}

/** ValidateFlowSchema (also its update rule): the spec, the fixed specs of the mandatory schemas, the conditions. */
export function validateFlowSchema(fs: FlowSchema): ErrorList {
  const name = fs.metadata?.name ?? '';
  const specPath = Path.root('spec');
  const errs = validateSpec(name, fs.spec ?? { priorityLevelConfiguration: { name: '' } }, specPath);
  const mandatory = mandatoryFlowSchemas.find((m) => m.metadata?.name === name);
  if (mandatory && !semanticEqual(fs.spec, mandatory.spec)) errs.push(field.invalid(specPath, fs.spec ?? null, `spec of '${name}' must equal the fixed value`));
  errs.push(...validateFlowSchemaStatus(fs));
  return errs;
}

export function validateFlowSchemaStatus(fs: FlowSchema): ErrorList {
  return validateConditions(fs.status?.conditions, Path.root('status').child('conditions'));
}
