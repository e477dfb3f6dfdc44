import { protobuf } from '@kapi/apiserver-core';
import { VolumeHealthCondition } from './core-v1-claim';
import { ResourceRequirements } from './core-v1-container';

const { Quantity, list, map, message } = protobuf;
const { Time } = protobuf.metaV1;

/** core/v1 PodStatus (written by kubelets, which send protobuf). core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const PodCondition = message('PodCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [7, 'observedGeneration', 'int64'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [3, 'lastProbeTime', Time],
  [4, 'lastTransitionTime', Time],
  [5, 'reason', 'string'],
  [6, 'message', 'string'],
]);

export const HostIP = message('HostIP', [
  [1, 'ip', 'string', 'noOmitEmpty'],
]);

export const PodIP = message('PodIP', [
  [1, 'ip', 'string', 'noOmitEmpty'],
]);

export const ContainerStateWaiting = message('ContainerStateWaiting', [
  [1, 'reason', 'string'],
  [2, 'message', 'string'],
]);

export const ContainerStateRunning = message('ContainerStateRunning', [
  [1, 'startedAt', Time],
]);

export const ContainerStateTerminated = message('ContainerStateTerminated', [
  [1, 'exitCode', 'int32', 'noOmitEmpty'],
  [2, 'signal', 'int32'],
  [3, 'reason', 'string'],
  [4, 'message', 'string'],
  [5, 'startedAt', Time],
  [6, 'finishedAt', Time],
  [7, 'containerID', 'string'],
]);

export const ContainerState = message('ContainerState', [
  [1, 'waiting', ContainerStateWaiting, 'pointer'],
  [2, 'running', ContainerStateRunning, 'pointer'],
  [3, 'terminated', ContainerStateTerminated, 'pointer'],
]);

export const ImageVolumeStatus = message('ImageVolumeStatus', [
  [1, 'imageRef', 'string'],
]);

export const VolumeStatus = message('VolumeStatus', [
  [1, 'image', ImageVolumeStatus, 'pointer'],
]);

export const VolumeMountStatus = message('VolumeMountStatus', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'mountPath', 'string', 'noOmitEmpty'],
  [3, 'readOnly', 'bool'],
  [4, 'recursiveReadOnly', 'string', 'pointer'],
  [5, 'volumeStatus', VolumeStatus, 'pointer'],
]);

export const LinuxContainerUser = message('LinuxContainerUser', [
  [1, 'uid', 'int64', 'noOmitEmpty'],
  [2, 'gid', 'int64', 'noOmitEmpty'],
  [3, 'supplementalGroups', list('int64')],
]);

export const ContainerUser = message('ContainerUser', [
  [1, 'linux', LinuxContainerUser, 'pointer'],
]);

export const ResourceHealth = message('ResourceHealth', [
  [1, 'resourceID', 'string', 'noOmitEmpty'],
  [2, 'health', 'string'],
  [6, 'message', 'string', 'pointer'],
]);

export const ResourceStatus = message('ResourceStatus', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'resources', list(ResourceHealth)],
]);

export const ContainerStatus = message('ContainerStatus', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'state', ContainerState],
  [3, 'lastState', ContainerState],
  [4, 'ready', 'bool', 'noOmitEmpty'],
  [5, 'restartCount', 'int32', 'noOmitEmpty'],
  [6, 'image', 'string', 'noOmitEmpty'],
  [7, 'imageID', 'string', 'noOmitEmpty'],
  [8, 'containerID', 'string'],
  [9, 'started', 'bool', 'pointer'],
  [10, 'allocatedResources', map(Quantity)],
  [11, 'resources', ResourceRequirements, 'pointer'],
  [12, 'volumeMounts', list(VolumeMountStatus)],
  [13, 'user', ContainerUser, 'pointer'],
  [14, 'allocatedResourcesStatus', list(ResourceStatus)],
  [15, 'stopSignal', 'string', 'pointer'],
]);

export const PodResourceClaimStatus = message('PodResourceClaimStatus', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'resourceClaimName', 'string', 'pointer'],
]);

export const ContainerExtendedResourceRequest = message('ContainerExtendedResourceRequest', [
  [1, 'containerName', 'string', 'noOmitEmpty'],
  [2, 'resourceName', 'string', 'noOmitEmpty'],
  [3, 'requestName', 'string', 'noOmitEmpty'],
]);

export const PodExtendedResourceClaimStatus = message('PodExtendedResourceClaimStatus', [
  [1, 'requestMappings', list(ContainerExtendedResourceRequest), 'noOmitEmpty'],
  [2, 'resourceClaimName', 'string', 'noOmitEmpty'],
]);

export const NodeAllocatableMappedResources = message('NodeAllocatableMappedResources', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'quantity', Quantity, 'nullable'],
]);

export const NodeAllocatableOverheadResources = message('NodeAllocatableOverheadResources', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'perPod', Quantity, 'pointer'],
  [3, 'perContainer', Quantity, 'pointer'],
]);

export const NodeAllocatableResourceClaimStatus = message('NodeAllocatableResourceClaimStatus', [
  [1, 'resourceClaimName', 'string', 'noOmitEmpty'],
  [2, 'containers', list('string')],
  [4, 'mapping', list(NodeAllocatableMappedResources)],
  [5, 'overhead', list(NodeAllocatableOverheadResources)],
]);

export const PodVolumeHealth = message('PodVolumeHealth', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'healthConditions', list(VolumeHealthCondition)],
  [3, 'lastTransitionTime', Time],
]);

export const PodStatus = message('PodStatus', [
  [17, 'observedGeneration', 'int64'],
  [1, 'phase', 'string'],
  [2, 'conditions', list(PodCondition)],
  [3, 'message', 'string'],
  [4, 'reason', 'string'],
  [11, 'nominatedNodeName', 'string'],
  [5, 'hostIP', 'string'],
  [16, 'hostIPs', list(HostIP)],
  [6, 'podIP', 'string'],
  [12, 'podIPs', list(PodIP)],
  [7, 'startTime', Time, 'pointer'],
  [10, 'initContainerStatuses', list(ContainerStatus)],
  [8, 'containerStatuses', list(ContainerStatus)],
  [9, 'qosClass', 'string'],
  [13, 'ephemeralContainerStatuses', list(ContainerStatus)],
  [14, 'resize', 'string'],
  [15, 'resourceClaimStatuses', list(PodResourceClaimStatus)],
  [18, 'extendedResourceClaimStatus', PodExtendedResourceClaimStatus, 'pointer'],
  [19, 'allocatedResources', map(Quantity)],
  [20, 'resources', ResourceRequirements, 'pointer'],
  [21, 'nodeAllocatableResourceClaimStatuses', list(NodeAllocatableResourceClaimStatus)],
  [22, 'volumeHealth', list(PodVolumeHealth)],
]);
