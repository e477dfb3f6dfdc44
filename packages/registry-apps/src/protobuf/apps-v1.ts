import { protobuf } from '@kapi/apiserver-core';
import { coreV1 } from '@kapi/registry-core';

const { IntOrString, RawExtension, list, message } = protobuf;
const { LabelSelector, ObjectMeta, Time } = protobuf.metaV1;
const { PersistentVolumeClaim, PodTemplateSpec } = coreV1;

/** apps/v1 messages (k8s.io/api/apps/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const RollingUpdateDeployment = message('RollingUpdateDeployment', [
  [1, 'maxUnavailable', IntOrString, 'pointer'],
  [2, 'maxSurge', IntOrString, 'pointer'],
]);

export const DeploymentStrategy = message('DeploymentStrategy', [
  [1, 'type', 'string'],
  [2, 'rollingUpdate', RollingUpdateDeployment, 'pointer'],
]);

export const DeploymentSpec = message('DeploymentSpec', [
  [1, 'replicas', 'int32', 'pointer'],
  [2, 'selector', LabelSelector, 'nullable'],
  [3, 'template', PodTemplateSpec],
  [4, 'strategy', DeploymentStrategy],
  [5, 'minReadySeconds', 'int32'],
  [6, 'revisionHistoryLimit', 'int32', 'pointer'],
  [7, 'paused', 'bool'],
  [9, 'progressDeadlineSeconds', 'int32', 'pointer'],
]);

export const DeploymentCondition = message('DeploymentCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [6, 'lastUpdateTime', Time],
  [7, 'lastTransitionTime', Time],
  [4, 'reason', 'string'],
  [5, 'message', 'string'],
]);

export const DeploymentStatus = message('DeploymentStatus', [
  [1, 'observedGeneration', 'int64'],
  [2, 'replicas', 'int32'],
  [3, 'updatedReplicas', 'int32'],
  [7, 'readyReplicas', 'int32'],
  [4, 'availableReplicas', 'int32'],
  [5, 'unavailableReplicas', 'int32'],
  [9, 'terminatingReplicas', 'int32', 'pointer'],
  [6, 'conditions', list(DeploymentCondition)],
  [8, 'collisionCount', 'int32', 'pointer'],
]);

export const Deployment = message('Deployment', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', DeploymentSpec],
  [3, 'status', DeploymentStatus],
]);

export const ReplicaSetSpec = message('ReplicaSetSpec', [
  [1, 'replicas', 'int32', 'pointer'],
  [4, 'minReadySeconds', 'int32'],
  [2, 'selector', LabelSelector, 'nullable'],
  [3, 'template', PodTemplateSpec],
]);

export const ReplicaSetCondition = message('ReplicaSetCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [3, 'lastTransitionTime', Time],
  [4, 'reason', 'string'],
  [5, 'message', 'string'],
]);

export const ReplicaSetStatus = message('ReplicaSetStatus', [
  [1, 'replicas', 'int32', 'noOmitEmpty'],
  [2, 'fullyLabeledReplicas', 'int32'],
  [4, 'readyReplicas', 'int32'],
  [5, 'availableReplicas', 'int32'],
  [7, 'terminatingReplicas', 'int32', 'pointer'],
  [3, 'observedGeneration', 'int64'],
  [6, 'conditions', list(ReplicaSetCondition)],
]);

export const ReplicaSet = message('ReplicaSet', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', ReplicaSetSpec],
  [3, 'status', ReplicaSetStatus],
]);

export const RollingUpdateStatefulSetStrategy = message('RollingUpdateStatefulSetStrategy', [
  [1, 'partition', 'int32', 'pointer'],
  [2, 'maxUnavailable', IntOrString, 'pointer'],
]);

export const StatefulSetUpdateStrategy = message('StatefulSetUpdateStrategy', [
  [1, 'type', 'string'],
  [2, 'rollingUpdate', RollingUpdateStatefulSetStrategy, 'pointer'],
]);

export const StatefulSetPersistentVolumeClaimRetentionPolicy = message('StatefulSetPersistentVolumeClaimRetentionPolicy', [
  [1, 'whenDeleted', 'string'],
  [2, 'whenScaled', 'string'],
]);

export const StatefulSetOrdinals = message('StatefulSetOrdinals', [
  [1, 'start', 'int32', 'noOmitEmpty'],
]);

export const StatefulSetSpec = message('StatefulSetSpec', [
  [1, 'replicas', 'int32', 'pointer'],
  [2, 'selector', LabelSelector, 'nullable'],
  [3, 'template', PodTemplateSpec],
  [4, 'volumeClaimTemplates', list(PersistentVolumeClaim)],
  [5, 'serviceName', 'string', 'noOmitEmpty'],
  [6, 'podManagementPolicy', 'string'],
  [7, 'updateStrategy', StatefulSetUpdateStrategy],
  [8, 'revisionHistoryLimit', 'int32', 'pointer'],
  [9, 'minReadySeconds', 'int32'],
  [10, 'persistentVolumeClaimRetentionPolicy', StatefulSetPersistentVolumeClaimRetentionPolicy, 'pointer'],
  [11, 'ordinals', StatefulSetOrdinals, 'pointer'],
]);

export const StatefulSetCondition = message('StatefulSetCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [3, 'lastTransitionTime', Time],
  [4, 'reason', 'string'],
  [5, 'message', 'string'],
]);

export const StatefulSetStatus = message('StatefulSetStatus', [
  [1, 'observedGeneration', 'int64'],
  [2, 'replicas', 'int32', 'noOmitEmpty'],
  [3, 'readyReplicas', 'int32'],
  [4, 'currentReplicas', 'int32'],
  [5, 'updatedReplicas', 'int32'],
  [6, 'currentRevision', 'string'],
  [7, 'updateRevision', 'string'],
  [9, 'collisionCount', 'int32', 'pointer'],
  [10, 'conditions', list(StatefulSetCondition)],
  [11, 'availableReplicas', 'int32', 'noOmitEmpty'],
]);

export const StatefulSet = message('StatefulSet', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', StatefulSetSpec],
  [3, 'status', StatefulSetStatus],
]);

export const RollingUpdateDaemonSet = message('RollingUpdateDaemonSet', [
  [1, 'maxUnavailable', IntOrString, 'pointer'],
  [2, 'maxSurge', IntOrString, 'pointer'],
]);

export const DaemonSetUpdateStrategy = message('DaemonSetUpdateStrategy', [
  [1, 'type', 'string'],
  [2, 'rollingUpdate', RollingUpdateDaemonSet, 'pointer'],
]);

export const DaemonSetSpec = message('DaemonSetSpec', [
  [1, 'selector', LabelSelector, 'nullable'],
  [2, 'template', PodTemplateSpec],
  [3, 'updateStrategy', DaemonSetUpdateStrategy],
  [4, 'minReadySeconds', 'int32'],
  [6, 'revisionHistoryLimit', 'int32', 'pointer'],
]);

export const DaemonSetCondition = message('DaemonSetCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [3, 'lastTransitionTime', Time],
  [4, 'reason', 'string'],
  [5, 'message', 'string'],
]);

export const DaemonSetStatus = message('DaemonSetStatus', [
  [1, 'currentNumberScheduled', 'int32', 'noOmitEmpty'],
  [2, 'numberMisscheduled', 'int32', 'noOmitEmpty'],
  [3, 'desiredNumberScheduled', 'int32', 'noOmitEmpty'],
  [4, 'numberReady', 'int32', 'noOmitEmpty'],
  [5, 'observedGeneration', 'int64'],
  [6, 'updatedNumberScheduled', 'int32'],
  [7, 'numberAvailable', 'int32'],
  [8, 'numberUnavailable', 'int32'],
  [9, 'collisionCount', 'int32', 'pointer'],
  [10, 'conditions', list(DaemonSetCondition)],
]);

export const DaemonSet = message('DaemonSet', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', DaemonSetSpec],
  [3, 'status', DaemonSetStatus],
]);

export const ControllerRevision = message('ControllerRevision', [
  [1, 'metadata', ObjectMeta],
  [2, 'data', RawExtension],
  [3, 'revision', 'int64', 'noOmitEmpty'],
]);
