import type { ErrorList, KObject } from '@kapi/apiserver-core';
import { WorkloadStatusStrategy, WorkloadStrategy } from '../common/workload-strategy';
import { setDefaultsReplicaSet } from './defaults';
import { validateReplicaSet, validateReplicaSetStatus } from './validation';

/** pkg/registry/apps/replicaset/strategy.go. */
export class ReplicaSetStrategy extends WorkloadStrategy {
  readonly kind = { group: 'apps', version: 'v1', kind: 'ReplicaSet' };

  applyDefaults(obj: KObject): void {
    setDefaultsReplicaSet(obj);
  }

  validateSpec(obj: KObject): ErrorList {
    return validateReplicaSet(obj);
  }
}

export const replicaSetStrategy = new ReplicaSetStrategy();
export const replicaSetStatusStrategy = new WorkloadStatusStrategy(replicaSetStrategy, validateReplicaSetStatus);
