import { field, type ErrorList, type KObject, type Path } from '@kapi/apiserver-core';
import { validateSelectorAndTemplate, type SelectorTemplateRules } from '../common/selector-template';
import { validateCollisionCountNotDecremented, validateStatusCounts } from '../common/status-validation';
import { specOf, type DaemonSetSpec } from '../common/types';
import { intOrPercentValue, notMoreThan100Percent, specPath, validateIntOrPercent, validateNonnegative } from '../common/workload-validation';

const daemonSetTemplateRules: SelectorTemplateRules = {
  kindWord: 'daemonset',
  activeDeadlineKind: 'DaemonSet',
  selectorRequired: false,
  fullPodTemplate: true,
};

/** ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge moves pods. */
function validateRollingUpdate(ru: NonNullable<NonNullable<DaemonSetSpec['updateStrategy']>['rollingUpdate']>, path: Path): ErrorList {
  const errs = [
    ...validateIntOrPercent(ru.maxUnavailable, path.child('maxUnavailable')),
    ...validateIntOrPercent(ru.maxSurge, path.child('maxSurge')),
    ...notMoreThan100Percent(ru.maxUnavailable, path.child('maxUnavailable')),
    ...notMoreThan100Percent(ru.maxSurge, path.child('maxSurge')),
  ];
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) errs.push(field.invalid(path.child('maxSurge'), ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(field.required(path.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateUpdateStrategy(spec: DaemonSetSpec): ErrorList {
  const path = specPath.child('updateStrategy');
  const strategy = spec.updateStrategy ?? {};
  switch (strategy.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return strategy.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate, path.child('rollingUpdate')) : [field.required(path.child('rollingUpdate'), '')];
    default:
      return [field.notSupported(path, strategy, ['RollingUpdate', 'OnDelete'])];
  }
}

/** ValidateDaemonSetSpec, in its order. */
export function validateDaemonSet(obj: KObject): ErrorList {
  const spec = specOf<DaemonSetSpec>(obj);
  return [
    ...validateSelectorAndTemplate(spec, specPath, daemonSetTemplateRules),
    ...validateNonnegative(spec.minReadySeconds, specPath.child('minReadySeconds')),
    ...validateUpdateStrategy(spec),
    ...validateNonnegative(spec.revisionHistoryLimit, specPath.child('revisionHistoryLimit')),
  ];
}

/** ValidateDaemonSetStatusUpdate. */
export function validateDaemonSetStatus(obj: KObject, old: KObject): ErrorList {
  return [
    ...validateStatusCounts(obj, [
      'currentNumberScheduled',
      'numberMisscheduled',
      'desiredNumberScheduled',
      'numberReady',
      'updatedNumberScheduled',
      'numberAvailable',
      'numberUnavailable',
      'collisionCount',
    ]),
    ...validateCollisionCountNotDecremented(obj, old),
  ];
}
