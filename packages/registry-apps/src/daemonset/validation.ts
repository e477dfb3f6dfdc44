import { field, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { validateStatusCounts } from '../common/status-validation';
import { specOf, type DaemonSetSpec } from '../common/types';
import { isZero, specPath, validateCounts, validateIntOrPercent, validateSelectorAndTemplate } from '../common/workload-validation';

function validateUpdateStrategy(spec: DaemonSetSpec): ErrorList {
  const path = specPath.child('updateStrategy');
  const strategy = spec.updateStrategy ?? {};
  if (strategy.type === 'OnDelete') return [];
  if (strategy.type !== 'RollingUpdate') return [field.notSupported(path.child('type'), strategy.type ?? '', ['OnDelete', 'RollingUpdate'])];
  const ru = strategy.rollingUpdate;
  if (!ru) return [field.required(path.child('rollingUpdate'), '')];
  const ruPath = path.child('rollingUpdate');
  const errs = [...validateIntOrPercent(ru.maxUnavailable, ruPath.child('maxUnavailable')), ...validateIntOrPercent(ru.maxSurge, ruPath.child('maxSurge'))];
  if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
    errs.push(field.invalid(ruPath.child('maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

/** ValidateDaemonSetSpec. */
export function validateDaemonSet(obj: KObject): ErrorList {
  const spec = specOf<DaemonSetSpec>(obj);
  return [...validateCounts(spec, specPath), ...validateSelectorAndTemplate(spec, specPath, 'daemonset'), ...validateUpdateStrategy(spec)];
}

/** ValidateDaemonSetStatus. */
export function validateDaemonSetStatus(obj: KObject): ErrorList {
  return validateStatusCounts(obj, [
    'currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'updatedNumberScheduled',
    'numberAvailable', 'numberUnavailable', 'collisionCount',
  ]);
}
