import { scaleMetadata, type KObject, type Scale } from '@kapi/apiserver-core';

/** The autoscaling/v1 Scale of a replication controller (its map selector as a label selector string). */
export function scaleFromReplicationController(rc: KObject): Scale {
  const spec = (rc.spec ?? {}) as { replicas?: number; selector?: Record<string, string> };
  const selector = Object.entries(spec.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: scaleMetadata(rc),
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: (rc.status as { replicas?: number } | undefined)?.replicas ?? 0, selector },
  };
}
