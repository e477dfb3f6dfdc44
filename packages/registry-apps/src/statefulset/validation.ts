import { field, isDNS1123Label, isDNS1123Subdomain, Path, semanticEqual, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { validateSelectorAndTemplate, type SelectorTemplateRules } from '../common/selector-template';
import { validateCollisionCountNotDecremented, validateStatusCounts } from '../common/status-validation';
import { specOf, type StatefulSetSpec } from '../common/types';
import { intOrPercentValue, notMoreThan100Percent, specPath, validateIntOrPercent, validateNonnegative } from '../common/workload-validation';

const statefulSetTemplateRules: SelectorTemplateRules = {
  kindWord: 'statefulset',
  activeDeadlineKind: 'StatefulSet',
  selectorRequired: true,
  invalidSelectorDetail: '',
  fullPodTemplate: false,
};

function validateUpdateStrategy(spec: StatefulSetSpec): ErrorList {
  const path = specPath.child('updateStrategy');
  const strategy = spec.updateStrategy ?? {};
  switch (strategy.type) {
    case undefined:
    case '':
      return [field.required(path, '')];
    case 'OnDelete':
      return strategy.rollingUpdate ? [field.invalid(path.child('rollingUpdate'), strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate;
      if (!ru) return [];
      const maxPath = path.child('rollingUpdate', 'maxUnavailable');
      const errs = validateNonnegative(ru.partition, path.child('rollingUpdate', 'partition'));
      if (ru.maxUnavailable !== undefined) {
        errs.push(...validateIntOrPercent(ru.maxUnavailable, maxPath));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(field.invalid(maxPath, ru.maxUnavailable, 'cannot be 0'));
        errs.push(...notMoreThan100Percent(ru.maxUnavailable, maxPath));
      }
      return errs;
    }
    default:
      return [field.invalid(path, strategy, "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

function validateRetentionPolicy(spec: StatefulSetSpec): ErrorList {
  const errs: ErrorList = [];
  const path = specPath.child('persistentVolumeClaimRetentionPolicy');
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  if (!policy) return errs;
  for (const key of ['whenDeleted', 'whenScaled'] as const) {
    const v = policy[key];
    if (v !== 'Retain' && v !== 'Delete') errs.push(field.notSupported(path.child(key), v ?? '', ['Retain', 'Delete']));
  }
  return errs;
}

/** ValidateStatefulSetSpec, in its order. */
export function validateStatefulSetSpec(obj: KObject): ErrorList {
  const spec = specOf<StatefulSetSpec>(obj);
  const errs: ErrorList = [];
  const policy = spec.podManagementPolicy;
  if (policy === undefined || policy === '') errs.push(field.required(specPath.child('podManagementPolicy'), ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(field.invalid(specPath.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(spec), ...validateRetentionPolicy(spec));
  errs.push(...validateNonnegative(spec.replicas, specPath.child('replicas')));
  errs.push(...validateNonnegative(spec.minReadySeconds, specPath.child('minReadySeconds')));
  if (spec.ordinals) errs.push(...validateNonnegative(spec.ordinals.start, specPath.child('ordinals', 'start')));
  errs.push(...validateSelectorAndTemplate(spec, specPath, statefulSetTemplateRules));
  return errs;
}

/**
 * ValidateStatefulSet on create: its pods are named `<name>-<ordinal>` and used as hostnames, so
 * the name must be a DNS label, stricter than the subdomain every object meets (checked already).
 */
export function validateStatefulSet(obj: KObject): ErrorList {
  const name = obj.metadata?.name ?? '';
  const labelErrs = name && isDNS1123Subdomain(name).length === 0 ? isDNS1123Label(name) : [];
  return [...labelErrs.map((msg) => field.invalid(Path.root('metadata').child('name'), name, msg)), ...validateStatefulSetSpec(obj)];
}

/** The spec fields a StatefulSet update may change; everything else is fixed at creation. */
const mutableFields = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** ValidateStatefulSetUpdate: one Forbidden for any change outside the mutable fields (the selector included). */
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
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

/** ValidateStatefulSetStatusUpdate. */
export function validateStatefulSetStatus(obj: KObject, old: KObject): ErrorList {
  return [
    ...validateStatusCounts(
      obj,
      ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'collisionCount'],
      [
        ['readyReplicas', 'replicas'],
        ['currentReplicas', 'replicas'],
        ['updatedReplicas', 'replicas'],
        ['availableReplicas', 'replicas'],
        ['availableReplicas', 'readyReplicas'],
      ],
    ),
    ...validateCollisionCountNotDecremented(obj, old),
  ];
}
