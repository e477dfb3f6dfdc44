import { protobuf } from '@kapi/apiserver-core';
import { ObjectReference } from './core-v1-pod';
import { LocalObjectReference } from './core-v1-volume-projection';

const { Quantity, list, map, message } = protobuf;
const { MicroTime, ObjectMeta, Time } = protobuf.metaV1;

/** core/v1 Namespace, ConfigMap, Secret, ServiceAccount, ResourceQuota, LimitRange, Event. core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const NamespaceSpec = message('NamespaceSpec', [
  [1, 'finalizers', list('string')],
]);

export const NamespaceCondition = message('NamespaceCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [4, 'lastTransitionTime', Time],
  [5, 'reason', 'string'],
  [6, 'message', 'string'],
]);

export const NamespaceStatus = message('NamespaceStatus', [
  [1, 'phase', 'string'],
  [2, 'conditions', list(NamespaceCondition)],
]);

export const Namespace = message('Namespace', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', NamespaceSpec],
  [3, 'status', NamespaceStatus],
]);

export const ConfigMap = message('ConfigMap', [
  [1, 'metadata', ObjectMeta],
  [4, 'immutable', 'bool', 'pointer'],
  [2, 'data', map('string')],
  [3, 'binaryData', map('bytes')],
]);

export const Secret = message('Secret', [
  [1, 'metadata', ObjectMeta],
  [5, 'immutable', 'bool', 'pointer'],
  [2, 'data', map('bytes')],
  [4, 'stringData', map('string')],
  [3, 'type', 'string'],
]);

export const ServiceAccount = message('ServiceAccount', [
  [1, 'metadata', ObjectMeta],
  [2, 'secrets', list(ObjectReference)],
  [3, 'imagePullSecrets', list(LocalObjectReference)],
  [4, 'automountServiceAccountToken', 'bool', 'pointer'],
]);

export const ScopedResourceSelectorRequirement = message('ScopedResourceSelectorRequirement', [
  [1, 'scopeName', 'string', 'noOmitEmpty'],
  [2, 'operator', 'string', 'noOmitEmpty'],
  [3, 'values', list('string')],
]);

export const ScopeSelector = message('ScopeSelector', [
  [1, 'matchExpressions', list(ScopedResourceSelectorRequirement)],
]);

export const ResourceQuotaSpec = message('ResourceQuotaSpec', [
  [1, 'hard', map(Quantity)],
  [2, 'scopes', list('string')],
  [3, 'scopeSelector', ScopeSelector, 'pointer'],
]);

export const ResourceQuotaStatus = message('ResourceQuotaStatus', [
  [1, 'hard', map(Quantity)],
  [2, 'used', map(Quantity)],
]);

export const ResourceQuota = message('ResourceQuota', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', ResourceQuotaSpec],
  [3, 'status', ResourceQuotaStatus],
]);

export const LimitRangeItem = message('LimitRangeItem', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'max', map(Quantity)],
  [3, 'min', map(Quantity)],
  [4, 'default', map(Quantity)],
  [5, 'defaultRequest', map(Quantity)],
  [6, 'maxLimitRequestRatio', map(Quantity)],
]);

export const LimitRangeSpec = message('LimitRangeSpec', [
  [1, 'limits', list(LimitRangeItem), 'noOmitEmpty'],
]);

export const LimitRange = message('LimitRange', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', LimitRangeSpec],
]);

export const EventSource = message('EventSource', [
  [1, 'component', 'string'],
  [2, 'host', 'string'],
]);

export const EventSeries = message('EventSeries', [
  [1, 'count', 'int32'],
  [2, 'lastObservedTime', MicroTime],
]);

export const Event = message('Event', [
  [1, 'metadata', ObjectMeta],
  [2, 'involvedObject', ObjectReference],
  [3, 'reason', 'string'],
  [4, 'message', 'string'],
  [5, 'source', EventSource],
  [6, 'firstTimestamp', Time],
  [7, 'lastTimestamp', Time],
  [8, 'count', 'int32'],
  [9, 'type', 'string'],
  [10, 'eventTime', MicroTime],
  [11, 'series', EventSeries, 'pointer'],
  [12, 'action', 'string'],
  [13, 'related', ObjectReference, 'pointer'],
  [14, 'reportingComponent', 'string', 'noOmitEmpty'],
  [15, 'reportingInstance', 'string', 'noOmitEmpty'],
]);
