import { protobuf } from '@kapi/apiserver-core';

const { Quantity, list, map, message } = protobuf;
const { LabelSelector, ObjectMeta, Time } = protobuf.metaV1;

/** core/v1 PersistentVolumeClaim and the ephemeral volume that templates one. core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const VolumeResourceRequirements = message('VolumeResourceRequirements', [
  [1, 'limits', map(Quantity)],
  [2, 'requests', map(Quantity)],
]);

export const TypedLocalObjectReference = message('TypedLocalObjectReference', [
  [1, 'apiGroup', 'string', 'nullable'],
  [2, 'kind', 'string', 'noOmitEmpty'],
  [3, 'name', 'string', 'noOmitEmpty'],
]);

export const TypedObjectReference = message('TypedObjectReference', [
  [1, 'apiGroup', 'string', 'nullable'],
  [2, 'kind', 'string', 'noOmitEmpty'],
  [3, 'name', 'string', 'noOmitEmpty'],
  [4, 'namespace', 'string', 'pointer'],
]);

export const PersistentVolumeClaimSpec = message('PersistentVolumeClaimSpec', [
  [1, 'accessModes', list('string')],
  [4, 'selector', LabelSelector, 'pointer'],
  [2, 'resources', VolumeResourceRequirements],
  [3, 'volumeName', 'string'],
  [5, 'storageClassName', 'string', 'pointer'],
  [6, 'volumeMode', 'string', 'pointer'],
  [7, 'dataSource', TypedLocalObjectReference, 'pointer'],
  [8, 'dataSourceRef', TypedObjectReference, 'pointer'],
  [9, 'volumeAttributesClassName', 'string', 'pointer'],
]);

export const PersistentVolumeClaimCondition = message('PersistentVolumeClaimCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [3, 'lastProbeTime', Time],
  [4, 'lastTransitionTime', Time],
  [5, 'reason', 'string'],
  [6, 'message', 'string'],
]);

export const ModifyVolumeStatus = message('ModifyVolumeStatus', [
  [1, 'targetVolumeAttributesClassName', 'string'],
  [2, 'status', 'string', 'noOmitEmpty'],
]);

export const VolumeHealthCondition = message('VolumeHealthCondition', [
  [1, 'status', 'string', 'noOmitEmpty'],
  [2, 'reason', 'string', 'noOmitEmpty'],
  [3, 'message', 'string'],
]);

export const VolumeHealthStatus = message('VolumeHealthStatus', [
  [1, 'healthConditions', list(VolumeHealthCondition)],
  [2, 'lastTransitionTime', Time],
]);

export const PersistentVolumeClaimStatus = message('PersistentVolumeClaimStatus', [
  [1, 'phase', 'string'],
  [2, 'accessModes', list('string')],
  [3, 'capacity', map(Quantity)],
  [4, 'conditions', list(PersistentVolumeClaimCondition)],
  [5, 'allocatedResources', map(Quantity)],
  [7, 'allocatedResourceStatuses', map('string')],
  [8, 'currentVolumeAttributesClassName', 'string', 'pointer'],
  [9, 'modifyVolumeStatus', ModifyVolumeStatus, 'pointer'],
  [10, 'healthStatus', VolumeHealthStatus, 'pointer'],
]);

export const PersistentVolumeClaim = message('PersistentVolumeClaim', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', PersistentVolumeClaimSpec],
  [3, 'status', PersistentVolumeClaimStatus],
]);

export const PersistentVolumeClaimTemplate = message('PersistentVolumeClaimTemplate', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', PersistentVolumeClaimSpec],
]);

export const EphemeralVolumeSource = message('EphemeralVolumeSource', [
  [1, 'volumeClaimTemplate', PersistentVolumeClaimTemplate, 'pointer'],
]);
