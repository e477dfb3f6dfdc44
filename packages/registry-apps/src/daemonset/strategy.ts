import type { ErrorList, KObject } from '@kapi/apiserver-core';
import { WorkloadStatusStrategy, WorkloadStrategy } from '../common/workload-strategy';
import { setDefaultsDaemonSet } from './defaults';
import { validateDaemonSet, validateDaemonSetStatus } from './validation';

/** pkg/registry/apps/daemonset/strategy.go. */
export class DaemonSetStrategy extends WorkloadStrategy {
  readonly kind = { group: 'apps', version: 'v1', kind: 'DaemonSet' };

  applyDefaults(obj: KObject): void {
    setDefaultsDaemonSet(obj);
  }

  validateSpec(obj: KObject): ErrorList {
    return validateDaemonSet(obj);
  }
}

export const daemonSetStrategy = new DaemonSetStrategy();
export const daemonSetStatusStrategy = new WorkloadStatusStrategy(daemonSetStrategy, validateDaemonSetStatus);
