import type { ErrorList, KObject, RequestContext } from '@kapi/apiserver-core';
import { WorkloadStatusStrategy, WorkloadStrategy } from '../common/workload-strategy';
import { setDefaultsStatefulSet } from './defaults';
import { validateStatefulSet, validateStatefulSetSpec, validateStatefulSetStatus, validateStatefulSetUpdate } from './validation';

/** pkg/registry/apps/statefulset/strategy.go. */
export class StatefulSetStrategy extends WorkloadStrategy {
  readonly kind = { group: 'apps', version: 'v1', kind: 'StatefulSet' };

  applyDefaults(obj: KObject): void {
    setDefaultsStatefulSet(obj);
  }

  validateSpec(obj: KObject): ErrorList {
    return validateStatefulSetSpec(obj);
  }

  /** Create also holds the name to a DNS label; an update does not revalidate it (old objects may predate the rule). */
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateStatefulSet(obj);
  }

  /** The whole spec but a few fields is fixed, which covers the selector. */
  override validateSpecUpdate(obj: KObject, old: KObject): ErrorList {
    return validateStatefulSetUpdate(obj, old);
  }
}

export const statefulSetStrategy = new StatefulSetStrategy();
export const statefulSetStatusStrategy = new WorkloadStatusStrategy(statefulSetStrategy, validateStatefulSetStatus);
