import type { ErrorList, KObject } from '@kapi/apiserver-core';
import { validateSelectorAndTemplate } from '../common/selector-template';
import { validateStatusCounts } from '../common/status-validation';
import { specOf, type WorkloadSpec } from '../common/types';
import { specPath, validateNonnegative } from '../common/workload-validation';
import { deploymentTemplateRules } from '../deployment/validation';

/** ValidateReplicaSetSpec: the rules of the deployments that own them, words included ("invalid for deployment"). */
export function validateReplicaSet(obj: KObject): ErrorList {
  const spec = specOf<WorkloadSpec>(obj);
  return [
    ...validateNonnegative(spec.replicas, specPath.child('replicas')),
    ...validateNonnegative(spec.minReadySeconds, specPath.child('minReadySeconds')),
    ...validateSelectorAndTemplate(spec, specPath, deploymentTemplateRules),
  ];
}

/** ValidateReplicaSetStatus. */
export function validateReplicaSetStatus(obj: KObject): ErrorList {
  return validateStatusCounts(
    obj,
    ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'],
    [
      ['fullyLabeledReplicas', 'replicas'],
      ['readyReplicas', 'replicas'],
      ['availableReplicas', 'replicas'],
      ['availableReplicas', 'readyReplicas', 'cannot be greater than readyReplicas'],
    ],
  );
}
