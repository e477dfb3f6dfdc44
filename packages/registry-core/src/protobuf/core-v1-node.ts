import { protobuf } from '@kapi/apiserver-core';

const { Quantity, list, map, message } = protobuf;
const { ObjectMeta, Time } = protobuf.metaV1;

/** core/v1 Node (kubelets register and update nodes in protobuf). core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const Taint = message('Taint', [
  [1, 'key', 'string', 'noOmitEmpty'],
  [2, 'value', 'string'],
  [3, 'effect', 'string', 'noOmitEmpty'],
  [4, 'timeAdded', Time, 'pointer'],
]);

export const ConfigMapNodeConfigSource = message('ConfigMapNodeConfigSource', [
  [1, 'namespace', 'string', 'noOmitEmpty'],
  [2, 'name', 'string', 'noOmitEmpty'],
  [3, 'uid', 'string'],
  [4, 'resourceVersion', 'string'],
  [5, 'kubeletConfigKey', 'string', 'noOmitEmpty'],
]);

export const NodeConfigSource = message('NodeConfigSource', [
  [2, 'configMap', ConfigMapNodeConfigSource, 'pointer'],
]);

export const NodePodPreemptionPolicy = message('NodePodPreemptionPolicy', [
  [1, 'disableResizePreemption', list('string')],
]);

export const NodeSpec = message('NodeSpec', [
  [1, 'podCIDR', 'string'],
  [7, 'podCIDRs', list('string')],
  [3, 'providerID', 'string'],
  [4, 'unschedulable', 'bool'],
  [5, 'taints', list(Taint)],
  [6, 'configSource', NodeConfigSource, 'pointer'],
  [2, 'externalID', 'string'],
  [8, 'podPreemptionPolicy', NodePodPreemptionPolicy, 'pointer'],
]);

export const NodeCondition = message('NodeCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [3, 'lastHeartbeatTime', Time],
  [4, 'lastTransitionTime', Time],
  [5, 'reason', 'string'],
  [6, 'message', 'string'],
]);

export const NodeAddress = message('NodeAddress', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'address', 'string', 'noOmitEmpty'],
]);

export const DaemonEndpoint = message('DaemonEndpoint', [
  [1, 'Port', 'int32', 'noOmitEmpty'],
]);

export const NodeDaemonEndpoints = message('NodeDaemonEndpoints', [
  [1, 'kubeletEndpoint', DaemonEndpoint],
]);

export const NodeSwapStatus = message('NodeSwapStatus', [
  [1, 'capacity', 'int64', 'pointer'],
]);

export const NodeSystemInfo = message('NodeSystemInfo', [
  [1, 'machineID', 'string', 'noOmitEmpty'],
  [2, 'systemUUID', 'string', 'noOmitEmpty'],
  [3, 'bootID', 'string', 'noOmitEmpty'],
  [4, 'kernelVersion', 'string', 'noOmitEmpty'],
  [5, 'osImage', 'string', 'noOmitEmpty'],
  [6, 'containerRuntimeVersion', 'string', 'noOmitEmpty'],
  [7, 'kubeletVersion', 'string', 'noOmitEmpty'],
  [8, 'kubeProxyVersion', 'string', 'noOmitEmpty'],
  [9, 'operatingSystem', 'string', 'noOmitEmpty'],
  [10, 'architecture', 'string', 'noOmitEmpty'],
  [11, 'swap', NodeSwapStatus, 'pointer'],
]);

export const ContainerImage = message('ContainerImage', [
  [1, 'names', list('string'), 'noOmitEmpty'],
  [2, 'sizeBytes', 'int64'],
]);

export const AttachedVolume = message('AttachedVolume', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'devicePath', 'string', 'noOmitEmpty'],
]);

export const NodeConfigStatus = message('NodeConfigStatus', [
  [1, 'assigned', NodeConfigSource, 'pointer'],
  [2, 'active', NodeConfigSource, 'pointer'],
  [3, 'lastKnownGood', NodeConfigSource, 'pointer'],
  [4, 'error', 'string'],
]);

export const NodeRuntimeHandlerFeatures = message('NodeRuntimeHandlerFeatures', [
  [1, 'recursiveReadOnlyMounts', 'bool', 'pointer'],
  [2, 'userNamespaces', 'bool', 'pointer'],
]);

export const NodeRuntimeHandler = message('NodeRuntimeHandler', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'features', NodeRuntimeHandlerFeatures, 'pointer'],
]);

export const NodeFeatures = message('NodeFeatures', [
  [1, 'supplementalGroupsPolicy', 'bool', 'pointer'],
]);

export const NodeStatus = message('NodeStatus', [
  [1, 'capacity', map(Quantity)],
  [2, 'allocatable', map(Quantity)],
  [3, 'phase', 'string'],
  [4, 'conditions', list(NodeCondition)],
  [5, 'addresses', list(NodeAddress)],
  [6, 'daemonEndpoints', NodeDaemonEndpoints],
  [7, 'nodeInfo', NodeSystemInfo],
  [8, 'images', list(ContainerImage)],
  [9, 'volumesInUse', list('string')],
  [10, 'volumesAttached', list(AttachedVolume)],
  [11, 'config', NodeConfigStatus, 'pointer'],
  [12, 'runtimeHandlers', list(NodeRuntimeHandler)],
  [13, 'features', NodeFeatures, 'pointer'],
  [14, 'declaredFeatures', list('string')],
]);

export const Node = message('Node', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', NodeSpec],
  [3, 'status', NodeStatus],
]);
