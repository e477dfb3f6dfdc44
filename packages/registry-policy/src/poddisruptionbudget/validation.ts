import { field, Path, type ErrorList, type KObject, type J } from '@kapi/apiserver-core';
import { notMoreThan100Percent, validateIntOrPercent, validateLabelSelector, validateNonnegative } from '@kapi/registry-apps';

const unhealthyPodEvictionPolicies = ['AlwaysAllow', 'IfHealthyBudget'];
const conditionStatuses = ['False', 'True', 'Unknown'];
const conditionReasonRe = /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/;

/** ValidatePodDisruptionBudgetSpec: one of minAvailable/maxUnavailable, each a count or a percent ≤ 100%. */
export function validatePodDisruptionBudget(pdb: KObject): ErrorList {
  const spec = (pdb.spec ?? {}) as J;
  const path = Path.root('spec');
  const errs: ErrorList = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(field.invalid(path, spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const name of ['minAvailable', 'maxUnavailable']) {
    errs.push(...validateIntOrPercent(spec[name], path.child(name)), ...notMoreThan100Percent(spec[name], path.child(name)));
  }
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== null && !unhealthyPodEvictionPolicies.includes(policy)) {
    errs.push(field.notSupported(path.child('unhealthyPodEvictionPolicy'), policy, unhealthyPodEvictionPolicies));
  }
  return errs;
}

/** ValidatePodDisruptionBudgetStatusUpdate (policy/v1): conditions well formed, counts never negative. */
export function validatePodDisruptionBudgetStatus(pdb: KObject): ErrorList {
  const status = (pdb.status ?? {}) as J;
  const path = Path.root('status');
  const errs = validateConditions(status.conditions ?? [], path.child('conditions'));
  for (const name of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']) {
    errs.push(...validateNonnegative(status[name], path.child(name)));
  }
  return errs;
}

/** metav1validation.ValidateConditions, the rules a controller's condition must keep. */
function validateConditions(conditions: J[], path: Path): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  conditions.forEach((c, i) => {
    const p = path.index(i);
    if (!c.type) errs.push(field.required(p.child('type'), 'must be set'));
    else if (seen.has(c.type)) errs.push(field.duplicate(p.child('type'), c.type));
    seen.add(c.type);
    if (!conditionStatuses.includes(c.status)) errs.push(field.notSupported(p.child('status'), c.status, conditionStatuses));
    if ((c.observedGeneration ?? 0) < 0) errs.push(field.invalid(p.child('observedGeneration'), c.observedGeneration, 'must be greater than or equal to zero'));
    if (!c.lastTransitionTime) errs.push(field.required(p.child('lastTransitionTime'), 'must be set'));
    if (!c.reason) errs.push(field.required(p.child('reason'), 'must be set'));
    else if (!conditionReasonRe.test(c.reason)) {
      errs.push(
        field.invalid(
          p.child('reason'),
          c.reason,
          "a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName',  or 'ReasonA,ReasonB',  or 'ReasonA:ReasonB', regex used for validation is '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?')",
        ),
      );
    }
    if (typeof c.message === 'string' && c.message.length > 32768) errs.push(field.tooLong(p.child('message'), '', 32768));
  });
  return errs;
}
