import type { KObject } from '@kapi/apiserver-core';
import { defaultPodTemplateSpec } from '../common/pod-template';
import { specOf, type WorkloadSpec } from '../common/types';

/** SetDefaults_ReplicaSet (pkg/apis/apps/v1/defaults.go). */
export function setDefaultsReplicaSet(obj: KObject): void {
  const spec = specOf<WorkloadSpec>(obj);
  spec.replicas ??= 1;
  defaultPodTemplateSpec(spec.template);
}
