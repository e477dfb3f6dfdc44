import { field, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { semanticEqual } from '../common/semantic-equal';
import { validateStatusCounts } from '../common/status-validation';
import { specOf, type StatefulSetSpec } from '../common/types';
import { specPath, validateCounts, validateIntOrPercent, validateNonnegative, validateSelectorAndTemplate } from '../common/workload-validation';

function validateUpdateStrategy(spec: StatefulSetSpec): ErrorList {
  const path = specPath.child('updateStrategy');
  const strategy = spec.updateStrategy ?? {};
  switch (strategy.type) {
    case 'OnDelete':
      return strategy.rollingUpdate ? [field.invalid(path.child('rollingUpdate'), strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate ?? {};
      return [
        ...validateNonnegative(ru.partition, path.child('rollingUpdate', 'partition')),
        ...validateIntOrPercent(ru.maxUnavailable, path.child('rollingUpdate', 'maxUnavailable')),
      ];
    }
    case undefined:
      return [field.required(path, '')];
    default:
      return [field.invalid(path, strategy, 'must be \'RollingUpdate\' or \'OnDelete\'')];
  }
}

function validateRetentionPolicy(spec: StatefulSetSpec): ErrorList {
  const errs: ErrorList = [];
  const path = specPath.child('persistentVolumeClaimRetentionPolicy');
  const policy = spec.persistentVolumeClaimRetentionPolicy ?? {};
  for (const key of ['whenDeleted', 'whenScaled'] as const) {
    const v = policy[key];
    if (v !== undefined && v !== 'Retain' && v !== 'Delete') errs.push(field.notSupported(path.child(key), v, ['Retain', 'Delete']));
  }
  return errs;
}

/** ValidateStatefulSetSpec. */
export function validateStatefulSet(obj: KObject): ErrorList {
  const spec = specOf<StatefulSetSpec>(obj);
  const errs: ErrorList = [];
  const policy = spec.podManagementPolicy;
  if (policy === undefined || policy === '') errs.push(field.required(specPath.child('podManagementPolicy'), ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(field.invalid(specPath.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(spec), ...validateRetentionPolicy(spec), ...validateCounts(spec, specPath));
  errs.push(...validateNonnegative(spec.ordinals?.start, specPath.child('ordinals', 'start')));
  errs.push(...validateSelectorAndTemplate(spec, specPath, 'statefulset'));
  return errs;
}

/** The spec fields a StatefulSet update may change; everything else is fixed at creation. */
const mutableFields = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** ValidateStatefulSetUpdate: one Forbidden for any change outside the mutable fields (selector included). */
export function validateStatefulSetUpdate(obj: KObject, old: KObject): ErrorList {
  const fixed = (o: KObject) => {
    const spec: Record<string, unknown> = { ...specOf<StatefulSetSpec>(o) };
    for (const f of mutableFields) delete spec[f];
    return spec;
  };
  if (semanticEqual(fixed(obj), fixed(old))) return [];
  return [
    field.forbidden(
      specPath,
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

/** ValidateStatefulSetStatus. */
export function validateStatefulSetStatus(obj: KObject): ErrorList {
  return validateStatusCounts(
    obj,
    ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'collisionCount'],
    [['readyReplicas', 'replicas'], ['currentReplicas', 'replicas'], ['updatedReplicas', 'replicas'], ['availableReplicas', 'replicas'], ['availableReplicas', 'readyReplicas']],
  );
}
