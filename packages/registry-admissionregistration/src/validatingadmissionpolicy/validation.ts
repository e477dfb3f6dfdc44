import { field, Path, policyExpressionErrors, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { validateMatchConditions, type MatchCondition } from '../policy/match-conditions';
import { validateMatchResources, type MatchResources } from '../policy/match-resources';

interface Validation {
  expression?: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
}
export interface ValidatingAdmissionPolicySpec {
  failurePolicy?: string;
  paramKind?: { apiVersion?: string; kind?: string };
  matchConstraints?: MatchResources;
  validations?: Validation[];
  auditAnnotations?: { key?: string; valueExpression?: string }[];
  variables?: { name?: string; expression?: string }[];
  matchConditions?: MatchCondition[];
}

const supportedFailurePolicies = ['Fail', 'Ignore'];
const supportedReasons = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'];

/**
 * validateValidatingAdmissionPolicySpec without the CEL: structure, required fields and enums.
 * Expressions are not compiled (no CEL engine on this branch), so a type error is not reported in status.
 */
export function validateValidatingAdmissionPolicy(obj: KObject): ErrorList {
  const spec = (obj.spec ?? {}) as ValidatingAdmissionPolicySpec;
  const path = Path.root('spec');
  const errs: ErrorList = [];
  if (spec.failurePolicy === undefined) errs.push(field.required(path.child('failurePolicy')));
  else if (!supportedFailurePolicies.includes(spec.failurePolicy)) errs.push(field.notSupported(path.child('failurePolicy'), spec.failurePolicy, supportedFailurePolicies));
  if (spec.paramKind) {
    if (!spec.paramKind.apiVersion) errs.push(field.required(path.child('paramKind', 'apiVersion')));
    if (!spec.paramKind.kind) errs.push(field.required(path.child('paramKind', 'kind')));
  }
  if (!spec.matchConstraints) errs.push(field.required(path.child('matchConstraints')));
  else {
    errs.push(...validateMatchResources(spec.matchConstraints, path.child('matchConstraints')));
    if (!spec.matchConstraints.resourceRules?.length) errs.push(field.required(path.child('matchConstraints', 'resourceRules')));
  }
  errs.push(...validateMatchConditions(spec.matchConditions ?? [], path.child('matchConditions'), true));
  errs.push(...validateVariables(spec.variables ?? [], path.child('variables')));
  const validations = spec.validations ?? [];
  const annotations = spec.auditAnnotations ?? [];
  if (validations.length === 0 && annotations.length === 0) {
    errs.push(field.required(path.child('validations'), 'validations or auditAnnotations must contain at least one item'));
    errs.push(field.required(path.child('auditAnnotations'), 'validations or auditAnnotations must contain at least one item'));
    return errs;
  }
  validations.forEach((v, i) => errs.push(...validateValidation(v, path.child('validations').index(i))));
  const keys = new Set<string>();
  annotations.forEach((a, i) => {
    const p = path.child('auditAnnotations').index(i);
    if (!a.key) errs.push(field.required(p.child('key')));
    if (!a.valueExpression?.trim()) errs.push(field.required(p.child('valueExpression'), 'valueExpression is not specified'));
    if (a.key !== undefined && keys.has(a.key)) errs.push(field.duplicate(p.child('key'), a.key));
    if (a.key !== undefined) keys.add(a.key);
  });
  errs.push(...expressionErrors(spec, path));
  return errs;
}

/** Variables need a name that is a CEL identifier, unique, and an expression. */
function validateVariables(variables: NonNullable<ValidatingAdmissionPolicySpec['variables']>, path: Path): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  variables.forEach((v, i) => {
    const p = path.index(i);
    if (!v.name) errs.push(field.required(p.child('name'), 'name is not specified'));
    else if (!/^[_a-zA-Z][_a-zA-Z0-9]*$/.test(v.name)) errs.push(field.invalid(p.child('name'), v.name, 'name is not a valid CEL identifier'));
    else if (seen.has(v.name)) errs.push(field.duplicate(p.child('name'), v.name));
    if (v.name) seen.add(v.name);
    if (!v.expression?.trim()) errs.push(field.required(p.child('expression'), 'expression is not specified'));
  });
  return errs;
}

/** The expressions compiled as the plugin compiles them: one that would never evaluate is refused at write time. */
function expressionErrors(spec: ValidatingAdmissionPolicySpec, path: Path): ErrorList {
  return policyExpressionErrors(spec as Parameters<typeof policyExpressionErrors>[0]).map((e) => {
    const p = e.path.reduce<Path>((acc, seg) => (typeof seg === 'number' ? acc.index(seg) : acc.child(seg)), path);
    return field.invalid(p, e.expression, e.message);
  });
}

function validateValidation(v: Validation, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (!v.expression?.trim()) errs.push(field.required(path.child('expression'), 'expression is not specified'));
  if (v.messageExpression !== undefined && v.messageExpression.length > 0 && !v.messageExpression.trim()) {
    errs.push(field.invalid(path.child('messageExpression'), v.messageExpression, 'must be non-empty if specified'));
  }
  const msg = v.message?.trim() ?? '';
  if (v.message !== undefined && v.message.length > 0 && !msg) errs.push(field.invalid(path.child('message'), v.message, 'message must be non-empty if specified'));
  else if (/[\r\n]/.test(msg)) errs.push(field.invalid(path.child('message'), v.message, 'message must not contain line breaks'));
  if (v.reason !== undefined && !supportedReasons.includes(v.reason)) errs.push(field.notSupported(path.child('reason'), v.reason, supportedReasons));
  return errs;
}
