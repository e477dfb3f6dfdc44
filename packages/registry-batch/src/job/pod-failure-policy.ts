import { field, isQualifiedName, type ErrorList, type Path } from '@kapi/apiserver-core';
import type { JobSpec, PodFailurePolicyRule } from '../common/types';

const maxRules = 20;
const maxExitCodes = 255;
const maxPodConditionPatterns = 20;
const actions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const exitCodeOperators = ['In', 'NotIn'];
const conditionStatuses = ['False', 'True', 'Unknown'];

/** Go's %q of a sorted string list: what kube puts in "valid values: [...]" details. */
const quotedList = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;

/** validatePodFailurePolicy: the rules a Job's controller applies to failed pods. */
export function validatePodFailurePolicy(spec: JobSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  const rules = spec.podFailurePolicy?.rules ?? [];
  const rulesPath = path.child('rules');
  if (rules.length > maxRules) errs.push(field.tooMany(rulesPath, rules.length, maxRules));
  const podSpec = spec.template?.spec;
  const containerNames = new Set([...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])].map((c) => c.name));
  rules.forEach((rule, i) => errs.push(...validateRule(spec, rule, rulesPath.index(i), containerNames)));
  return errs;
}

function validateRule(spec: JobSpec, rule: PodFailurePolicyRule, path: Path, containerNames: Set<string | undefined>): ErrorList {
  const errs: ErrorList = [];
  const actionPath = path.child('action');
  if (!rule.action) errs.push(field.required(actionPath, `valid values: ${quotedList(actions)}`));
  else if (rule.action === 'FailIndex') {
    if (spec.backoffLimitPerIndex === undefined) errs.push(field.invalid(actionPath, rule.action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!actions.includes(rule.action)) errs.push(field.notSupported(actionPath, rule.action, actions));
  const conditions = rule.onPodConditions ?? [];
  if (rule.onExitCodes) errs.push(...validateOnExitCodes(rule.onExitCodes, path.child('onExitCodes'), containerNames));
  if (conditions.length > 0) errs.push(...validateOnPodConditions(conditions, path.child('onPodConditions')));
  if (rule.onExitCodes && conditions.length > 0) errs.push(field.invalid(path, field.omitValue, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  if (!rule.onExitCodes && conditions.length === 0) errs.push(field.invalid(path, field.omitValue, 'specifying one of OnExitCodes and OnPodConditions is required'));
  return errs;
}

function validateOnPodConditions(patterns: NonNullable<PodFailurePolicyRule['onPodConditions']>, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (patterns.length > maxPodConditionPatterns) errs.push(field.tooMany(path, patterns.length, maxPodConditionPatterns));
  patterns.forEach((p, j) => {
    const pp = path.index(j);
    for (const msg of isQualifiedName(p.type ?? '')) errs.push(field.invalid(pp.child('type'), p.type ?? '', msg));
    if (!p.status) errs.push(field.required(pp.child('status'), `valid values: ${quotedList(conditionStatuses)}`));
    else if (!conditionStatuses.includes(p.status)) errs.push(field.notSupported(pp.child('status'), p.status, conditionStatuses));
  });
  return errs;
}

function validateOnExitCodes(req: NonNullable<PodFailurePolicyRule['onExitCodes']>, path: Path, containerNames: Set<string | undefined>): ErrorList {
  const errs: ErrorList = [];
  const opPath = path.child('operator');
  if (!req.operator) errs.push(field.required(opPath, `valid values: ${quotedList(exitCodeOperators)}`));
  else if (!exitCodeOperators.includes(req.operator)) errs.push(field.notSupported(opPath, req.operator, exitCodeOperators));
  if (req.containerName !== undefined && !containerNames.has(req.containerName)) {
    errs.push(field.invalid(path.child('containerName'), req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values ?? [];
  const valuesPath = path.child('values');
  if (values.length === 0) errs.push(field.invalid(valuesPath, values, 'at least one value is required'));
  else if (values.length > maxExitCodes) errs.push(field.tooMany(valuesPath, values.length, maxExitCodes));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (req.operator === 'In' && v === 0) errs.push(field.invalid(valuesPath.index(j), v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(field.duplicate(valuesPath.index(j), v));
    seen.add(v);
    if (j > 0 && values[j - 1] > v) ordered = false;
  });
  if (!ordered) errs.push(field.invalid(valuesPath, values, 'must be ordered'));
  return errs;
}
