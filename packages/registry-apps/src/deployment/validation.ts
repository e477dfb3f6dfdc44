import { field, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { validateSelectorAndTemplate, type SelectorTemplateRules } from '../common/selector-template';
import { validateCollisionCountNotDecremented, validateStatusCounts } from '../common/status-validation';
import { specOf, type DeploymentSpec } from '../common/types';
import { intOrPercentValue, notMoreThan100Percent, specPath, validateIntOrPercent, validateNonnegative } from '../common/workload-validation';

/** Deployments share ValidatePodTemplateSpecForReplicaSet with the ReplicaSets they create. */
export const deploymentTemplateRules: SelectorTemplateRules = {
  kindWord: 'deployment',
  activeDeadlineKind: 'ReplicaSet',
  selectorRequired: true,
  invalidSelectorDetail: 'invalid label selector',
  fullPodTemplate: true,
};

/** ValidateDeploymentStrategy: Recreate has no rolling parameters; a rolling update must move (not both bounds 0). */
function validateDeploymentStrategy(spec: DeploymentSpec): ErrorList {
  const path = specPath.child('strategy');
  const strategy = spec.strategy ?? {};
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate ? [field.forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate;
      if (!ru) return [field.required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      const ruPath = path.child('rollingUpdate');
      const errs = [...validateIntOrPercent(ru.maxUnavailable, ruPath.child('maxUnavailable')), ...validateIntOrPercent(ru.maxSurge, ruPath.child('maxSurge'))];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(field.invalid(ruPath.child('maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
      }
      // Only maxUnavailable is bounded: a surge may exceed 100%.
      return [...errs, ...notMoreThan100Percent(ru.maxUnavailable, ruPath.child('maxUnavailable'))];
    }
    default:
      return [field.notSupported(path, strategy, ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec (pkg/apis/apps/validation), in its order. */
export function validateDeployment(obj: KObject): ErrorList {
  const spec = specOf<DeploymentSpec>(obj);
  const errs: ErrorList = [
    ...validateNonnegative(spec.replicas, specPath.child('replicas')),
    ...validateSelectorAndTemplate(spec, specPath, deploymentTemplateRules),
    ...validateDeploymentStrategy(spec),
    ...validateNonnegative(spec.minReadySeconds, specPath.child('minReadySeconds')),
    ...validateNonnegative(spec.revisionHistoryLimit, specPath.child('revisionHistoryLimit')),
  ];
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, specPath.child('progressDeadlineSeconds')));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(field.invalid(specPath.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** ValidateDeploymentStatusUpdate. */
export function validateDeploymentStatus(obj: KObject, old: KObject): ErrorList {
  return [
    ...validateStatusCounts(
      obj,
      ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'],
      [
        ['updatedReplicas', 'replicas'],
        ['readyReplicas', 'replicas'],
        ['availableReplicas', 'replicas'],
        ['availableReplicas', 'readyReplicas', 'cannot be greater than readyReplicas'],
      ],
    ),
    ...validateCollisionCountNotDecremented(obj, old),
  ];
}
