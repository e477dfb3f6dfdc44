import { field, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { validateStatusCounts } from '../common/status-validation';
import { specOf, type DeploymentSpec } from '../common/types';
import {
  isZero, specPath, validateCounts, validateIntOrPercent, validateNonnegative, validateSelectorAndTemplate,
} from '../common/workload-validation';

function validateDeploymentStrategy(spec: DeploymentSpec): ErrorList {
  const errs: ErrorList = [];
  const path = specPath.child('strategy');
  const strategy = spec.strategy ?? {};
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate) errs.push(field.forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    const ruPath = path.child('rollingUpdate');
    errs.push(...validateIntOrPercent(ru.maxUnavailable, ruPath.child('maxUnavailable')));
    errs.push(...validateIntOrPercent(ru.maxSurge, ruPath.child('maxSurge')));
    if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
      errs.push(field.invalid(ruPath.child('maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
    }
  } else {
    errs.push(field.notSupported(path.child('type'), strategy.type ?? '', ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

/** ValidateDeploymentSpec (pkg/apis/apps/validation). */
export function validateDeployment(obj: KObject): ErrorList {
  const spec = specOf<DeploymentSpec>(obj);
  const errs: ErrorList = [
    ...validateCounts(spec, specPath),
    ...validateSelectorAndTemplate(spec, specPath, 'deployment'),
    ...validateDeploymentStrategy(spec),
    ...validateNonnegative(spec.progressDeadlineSeconds, specPath.child('progressDeadlineSeconds')),
  ];
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
    errs.push(field.invalid(specPath.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** ValidateDeploymentStatus. */
export function validateDeploymentStatus(obj: KObject): ErrorList {
  return validateStatusCounts(
    obj,
    ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'],
    [['updatedReplicas', 'replicas'], ['readyReplicas', 'replicas'], ['availableReplicas', 'replicas'], ['availableReplicas', 'readyReplicas']],
  );
}
