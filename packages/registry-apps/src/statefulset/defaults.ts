import type { KObject } from '@kapi/apiserver-core';
import { defaultPodTemplateSpec, withNullCreationTimestamp } from '../common/pod-template';
import { specOf, type StatefulSetSpec } from '../common/types';

/** SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go), with the PVC retention policy of 1.32. */
export function setDefaultsStatefulSet(obj: KObject): void {
  const spec = specOf<StatefulSetSpec>(obj);
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.updateStrategy ??= {};
  if (spec.updateStrategy.type === undefined) {
    spec.updateStrategy.type = 'RollingUpdate';
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) spec.updateStrategy.rollingUpdate.partition ??= 0;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  for (const claim of spec.volumeClaimTemplates ?? []) {
    // SetDefaults_PersistentVolumeClaim: a claim is a filesystem unless it asks for a block device, and starts Pending.
    claim.spec ??= {};
    claim.spec.volumeMode ??= 'Filesystem';
    claim.status ??= { phase: 'Pending' };
    withNullCreationTimestamp(claim);
  }
  defaultPodTemplateSpec(spec.template);
}
