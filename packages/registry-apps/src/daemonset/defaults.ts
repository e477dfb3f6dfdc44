import type { KObject } from '@kapi/apiserver-core';
import { defaultPodTemplateSpec } from '../common/pod-template';
import { specOf, type DaemonSetSpec } from '../common/types';

/** SetDefaults_DaemonSet (pkg/apis/apps/v1/defaults.go): one node at a time, no surge. */
export function setDefaultsDaemonSet(obj: KObject): void {
  const spec = specOf<DaemonSetSpec>(obj);
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ??= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec(spec.template);
}
