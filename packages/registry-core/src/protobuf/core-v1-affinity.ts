import { protobuf } from '@kapi/apiserver-core';

const { list, message } = protobuf;
const { LabelSelector } = protobuf.metaV1;

/** core/v1 scheduling constraints of a PodSpec (affinity, tolerations, topology spread). core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const NodeSelectorRequirement = message('NodeSelectorRequirement', [
  [1, 'key', 'string', 'noOmitEmpty'],
  [2, 'operator', 'string', 'noOmitEmpty'],
  [3, 'values', list('string')],
]);

export const NodeSelectorTerm = message('NodeSelectorTerm', [
  [1, 'matchExpressions', list(NodeSelectorRequirement)],
  [2, 'matchFields', list(NodeSelectorRequirement)],
]);

export const NodeSelector = message('NodeSelector', [
  [1, 'nodeSelectorTerms', list(NodeSelectorTerm), 'noOmitEmpty'],
]);

export const PreferredSchedulingTerm = message('PreferredSchedulingTerm', [
  [1, 'weight', 'int32', 'noOmitEmpty'],
  [2, 'preference', NodeSelectorTerm],
]);

export const NodeAffinity = message('NodeAffinity', [
  [1, 'requiredDuringSchedulingIgnoredDuringExecution', NodeSelector, 'pointer'],
  [2, 'preferredDuringSchedulingIgnoredDuringExecution', list(PreferredSchedulingTerm)],
]);

export const PodAffinityTerm = message('PodAffinityTerm', [
  [1, 'labelSelector', LabelSelector, 'pointer'],
  [2, 'namespaces', list('string')],
  [3, 'topologyKey', 'string', 'noOmitEmpty'],
  [4, 'namespaceSelector', LabelSelector, 'pointer'],
  [5, 'matchLabelKeys', list('string')],
  [6, 'mismatchLabelKeys', list('string')],
]);

export const WeightedPodAffinityTerm = message('WeightedPodAffinityTerm', [
  [1, 'weight', 'int32', 'noOmitEmpty'],
  [2, 'podAffinityTerm', PodAffinityTerm],
]);

export const PodAffinity = message('PodAffinity', [
  [1, 'requiredDuringSchedulingIgnoredDuringExecution', list(PodAffinityTerm)],
  [2, 'preferredDuringSchedulingIgnoredDuringExecution', list(WeightedPodAffinityTerm)],
]);

export const PodAntiAffinity = message('PodAntiAffinity', [
  [1, 'requiredDuringSchedulingIgnoredDuringExecution', list(PodAffinityTerm)],
  [2, 'preferredDuringSchedulingIgnoredDuringExecution', list(WeightedPodAffinityTerm)],
]);

export const Affinity = message('Affinity', [
  [1, 'nodeAffinity', NodeAffinity, 'pointer'],
  [2, 'podAffinity', PodAffinity, 'pointer'],
  [3, 'podAntiAffinity', PodAntiAffinity, 'pointer'],
]);

export const Toleration = message('Toleration', [
  [1, 'key', 'string'],
  [2, 'operator', 'string'],
  [3, 'value', 'string'],
  [4, 'effect', 'string'],
  [5, 'tolerationSeconds', 'int64', 'pointer'],
]);

export const TopologySpreadConstraint = message('TopologySpreadConstraint', [
  [1, 'maxSkew', 'int32', 'noOmitEmpty'],
  [2, 'topologyKey', 'string', 'noOmitEmpty'],
  [3, 'whenUnsatisfiable', 'string', 'noOmitEmpty'],
  [4, 'labelSelector', LabelSelector, 'pointer'],
  [5, 'minDomains', 'int32', 'pointer'],
  [6, 'nodeAffinityPolicy', 'string', 'pointer'],
  [7, 'nodeTaintsPolicy', 'string', 'pointer'],
  [8, 'matchLabelKeys', list('string')],
]);
