import { field, Path, type ErrorList } from '@kapi/apiserver-core';
import { systemClassMismatch } from './system-classes';
import { highestUserDefinablePriority, systemPriorityClassPrefix, type PriorityClass } from './types';

const preemptionPolicies = ['PreemptLowerPriority', 'Never'];

/** ValidatePriorityClass (metadata is the Store's): reserved names and values, the preemption policy. */
export function validatePriorityClass(pc: PriorityClass): ErrorList {
  const errs: ErrorList = [];
  const name = pc.metadata?.name ?? '';
  if (name.startsWith(systemPriorityClassPrefix)) {
    const why = systemClassMismatch(name, pc.value, pc.globalDefault ?? false);
    if (why) {
      errs.push(
        field.forbidden(Path.root('metadata').child('name'), `priority class names with '${systemPriorityClassPrefix}' prefix are reserved for system use only. error: ${why}`),
      );
    }
  } else if ((pc.value ?? 0) > highestUserDefinablePriority) {
    errs.push(field.forbidden(Path.root('value'), `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
  }
  if (pc.preemptionPolicy !== undefined) {
    const p = Path.root('preemptionPolicy');
    if (pc.preemptionPolicy === '') errs.push(field.required(p, ''));
    else if (!preemptionPolicies.includes(pc.preemptionPolicy)) errs.push(field.notSupported(p, pc.preemptionPolicy, preemptionPolicies));
  }
  return errs;
}

/** ValidatePriorityClassUpdate: pods already carry the value, so neither it nor the preemption policy may change. */
export function validatePriorityClassUpdate(pc: PriorityClass, old: PriorityClass): ErrorList {
  const errs: ErrorList = [];
  if ((pc.value ?? 0) !== (old.value ?? 0)) errs.push(field.forbidden(Path.root('value'), 'may not be changed in an update.'));
  if (pc.preemptionPolicy !== old.preemptionPolicy) errs.push(field.invalid(Path.root('preemptionPolicy'), pc.preemptionPolicy ?? null, 'field is immutable'));
  return errs;
}
