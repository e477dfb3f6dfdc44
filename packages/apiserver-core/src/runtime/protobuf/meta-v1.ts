import { list, map, message } from './descriptor';
import { FieldsV1, Time } from './well-known';

export { FieldsV1, MicroTime, Time } from './well-known';

/*
 * meta/v1 messages (k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto) that objects embed or
 * clients send: field number → JSON name as the Go types' json and protobuf tags declare them.
 */

export const OwnerReference = message('OwnerReference', [
  [5, 'apiVersion', 'string', 'noOmitEmpty'],
  [1, 'kind', 'string', 'noOmitEmpty'],
  [3, 'name', 'string', 'noOmitEmpty'],
  [4, 'uid', 'string', 'noOmitEmpty'],
  [6, 'controller', 'bool', 'pointer'],
  [7, 'blockOwnerDeletion', 'bool', 'pointer'],
]);

export const ManagedFieldsEntry = message('ManagedFieldsEntry', [
  [1, 'manager', 'string'],
  [2, 'operation', 'string'],
  [3, 'apiVersion', 'string'],
  [4, 'time', Time, 'pointer'],
  [6, 'fieldsType', 'string'],
  [7, 'fieldsV1', FieldsV1, 'pointer'],
  [8, 'subresource', 'string'],
]);

export const ObjectMeta = message('ObjectMeta', [
  [1, 'name', 'string'],
  [2, 'generateName', 'string'],
  [3, 'namespace', 'string'],
  [4, 'selfLink', 'string'],
  [5, 'uid', 'string'],
  [6, 'resourceVersion', 'string'],
  [7, 'generation', 'int64'],
  [8, 'creationTimestamp', Time],
  [9, 'deletionTimestamp', Time, 'pointer'],
  [10, 'deletionGracePeriodSeconds', 'int64', 'pointer'],
  [11, 'labels', map('string')],
  [12, 'annotations', map('string')],
  [13, 'ownerReferences', list(OwnerReference)],
  [14, 'finalizers', list('string')],
  [17, 'managedFields', list(ManagedFieldsEntry)],
]);

export const LabelSelectorRequirement = message('LabelSelectorRequirement', [
  [1, 'key', 'string', 'noOmitEmpty'],
  [2, 'operator', 'string', 'noOmitEmpty'],
  [3, 'values', list('string')],
]);

export const LabelSelector = message('LabelSelector', [
  [1, 'matchLabels', map('string')],
  [2, 'matchExpressions', list(LabelSelectorRequirement)],
]);

export const Preconditions = message('Preconditions', [
  [1, 'uid', 'string', 'pointer'],
  [2, 'resourceVersion', 'string', 'pointer'],
]);

export const DeleteOptions = message('DeleteOptions', [
  [1, 'gracePeriodSeconds', 'int64', 'pointer'],
  [2, 'preconditions', Preconditions, 'pointer'],
  [3, 'orphanDependents', 'bool', 'pointer'],
  [4, 'propagationPolicy', 'string', 'pointer'],
  [5, 'dryRun', list('string')],
  [6, 'ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', 'pointer'],
]);

export const Condition = message('Condition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [3, 'observedGeneration', 'int64'],
  [4, 'lastTransitionTime', Time],
  [5, 'reason', 'string', 'noOmitEmpty'],
  [6, 'message', 'string', 'noOmitEmpty'],
]);
