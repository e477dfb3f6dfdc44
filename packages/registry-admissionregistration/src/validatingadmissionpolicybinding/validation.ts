import { field, isDNS1123Subdomain, Path, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { validateLabelSelector } from '@kapi/registry-apps';
import { validateMatchResources, type MatchResources } from '../policy/match-resources';

export interface ValidatingAdmissionPolicyBindingSpec {
  policyName?: string;
  paramRef?: { name?: string; namespace?: string; selector?: MatchResources['objectSelector']; parameterNotFoundAction?: string };
  matchResources?: MatchResources;
  validationActions?: string[];
}

const validActions = ['Audit', 'Deny', 'Warn'];

/** validateValidatingAdmissionPolicyBindingSpec. */
export function validateValidatingAdmissionPolicyBinding(obj: KObject): ErrorList {
  const spec = (obj.spec ?? {}) as ValidatingAdmissionPolicyBindingSpec;
  const path = Path.root('spec');
  const errs: ErrorList = [];
  if (!spec.policyName) errs.push(field.required(path.child('policyName')));
  else for (const msg of isDNS1123Subdomain(spec.policyName)) errs.push(field.invalid(path.child('policyName'), spec.policyName, msg));
  errs.push(...validateParamRef(spec.paramRef, path.child('paramRef')));
  errs.push(...validateMatchResources(spec.matchResources, path.child('matchResources')));
  errs.push(...validateValidationActions(spec.validationActions ?? [], path.child('validationActions')));
  return errs;
}

function validateParamRef(pr: ValidatingAdmissionPolicyBindingSpec['paramRef'], path: Path): ErrorList {
  if (!pr) return [];
  const errs: ErrorList = [];
  if (pr.name) {
    if (pr.name === '.' || pr.name === '..') errs.push(field.invalid(path.child('name'), pr.name, `may not be '${pr.name}'`));
    for (const bad of ['/', '%']) if (pr.name.includes(bad)) errs.push(field.invalid(path.child('name'), pr.name, `may not contain '${bad}'`));
    if (pr.selector) errs.push(field.forbidden(path.child('name'), 'name and selector are mutually exclusive'));
  }
  if (pr.selector) {
    errs.push(...validateLabelSelector(pr.selector, path.child('selector')));
    if (pr.name) errs.push(field.forbidden(path.child('selector'), 'name and selector are mutually exclusive'));
  }
  if (!pr.name && !pr.selector) errs.push(field.required(path, 'one of name or selector must be specified'));
  if (!pr.parameterNotFoundAction) errs.push(field.required(path.child('parameterNotFoundAction')));
  else if (!['Deny', 'Allow'].includes(pr.parameterNotFoundAction))
    errs.push(field.notSupported(path.child('parameterNotFoundAction'), pr.parameterNotFoundAction, ['Deny', 'Allow']));
  return errs;
}

function validateValidationActions(actions: string[], path: Path): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    if (!validActions.includes(a)) errs.push(field.notSupported(path.index(i), a, validActions));
    if (seen.has(a)) errs.push(field.duplicate(path.index(i), a));
    seen.add(a);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    errs.push(
      field.invalid(path, actions, 'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'),
    );
  }
  if (seen.size === 0) errs.push(field.required(path, 'at least one validation action is required'));
  return errs;
}
