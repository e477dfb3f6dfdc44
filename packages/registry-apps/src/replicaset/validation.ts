import type { ErrorList, KObject } from '@kapi/apiserver-core';
import { validateStatusCounts } from '../common/status-validation';
import { specOf, type WorkloadSpec } from '../common/types';
import { specPath, validateCounts, validateSelectorAndTemplate } from '../common/workload-validation';

/** ValidateReplicaSetSpec (kube-apiserver words its empty-selector error as for deployments). */
export function validateReplicaSet(obj: KObject): ErrorList {
  const spec = specOf<WorkloadSpec>(obj);
  return [...validateCounts(spec, specPath), ...validateSelectorAndTemplate(spec, specPath, 'deployment')];
}

/** ValidateReplicaSetStatus. */
export function validateReplicaSetStatus(obj: KObject): ErrorList {
  return validateStatusCounts(
    obj,
    ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'],
    [['fullyLabeledReplicas', 'replicas'], ['readyReplicas', 'replicas'], ['availableReplicas', 'replicas'], ['availableReplicas', 'readyReplicas']],
  );
}
