import { scaleMetadata, type KObject, type Scale } from '@kapi/apiserver-core';
import { labelSelectorAsSelector } from './label-selector';
import { specOf, type WorkloadSpec } from './types';

/** scaleFrom<Kind> of apps/v1 workloads: desired replicas from the spec, observed ones and the selector from the status. */
export function scaleFromWorkload(obj: KObject): Scale {
  const spec = specOf<WorkloadSpec>(obj);
  const status = (obj.status ?? {}) as { replicas?: number };
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: scaleMetadata(obj),
    spec: { replicas: spec.replicas ?? 0 },
    status: {
      replicas: status.replicas ?? 0,
      ...(spec.selector ? { selector: labelSelectorAsSelector(spec.selector).toString() } : {}),
    },
  };
}
