import { protobuf } from '@kapi/apiserver-core';
import { Affinity, Toleration, TopologySpreadConstraint } from './core-v1-affinity';
import { AppArmorProfile, Container, EphemeralContainer, ResourceRequirements, SELinuxOptions, SeccompProfile, WindowsSecurityContextOptions } from './core-v1-container';
import { PodStatus } from './core-v1-pod-status';
import { Volume } from './core-v1-volume';
import { LocalObjectReference } from './core-v1-volume-projection';

const { Quantity, list, map, message } = protobuf;
const { ObjectMeta, Time } = protobuf.metaV1;

/** core/v1 Pod, PodSpec, PodTemplateSpec, ReplicationController, Binding. core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const Sysctl = message('Sysctl', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'value', 'string', 'noOmitEmpty'],
]);

export const PodSecurityContext = message('PodSecurityContext', [
  [1, 'seLinuxOptions', SELinuxOptions, 'pointer'],
  [8, 'windowsOptions', WindowsSecurityContextOptions, 'pointer'],
  [2, 'runAsUser', 'int64', 'pointer'],
  [6, 'runAsGroup', 'int64', 'pointer'],
  [3, 'runAsNonRoot', 'bool', 'pointer'],
  [4, 'supplementalGroups', list('int64')],
  [12, 'supplementalGroupsPolicy', 'string', 'pointer'],
  [5, 'fsGroup', 'int64', 'pointer'],
  [7, 'sysctls', list(Sysctl)],
  [9, 'fsGroupChangePolicy', 'string', 'pointer'],
  [10, 'seccompProfile', SeccompProfile, 'pointer'],
  [11, 'appArmorProfile', AppArmorProfile, 'pointer'],
  [13, 'seLinuxChangePolicy', 'string', 'pointer'],
]);

export const HostAlias = message('HostAlias', [
  [1, 'ip', 'string', 'noOmitEmpty'],
  [2, 'hostnames', list('string')],
]);

export const PodDNSConfigOption = message('PodDNSConfigOption', [
  [1, 'name', 'string'],
  [2, 'value', 'string', 'pointer'],
]);

export const PodDNSConfig = message('PodDNSConfig', [
  [1, 'nameservers', list('string')],
  [2, 'searches', list('string')],
  [3, 'options', list(PodDNSConfigOption)],
]);

export const PodReadinessGate = message('PodReadinessGate', [
  [1, 'conditionType', 'string', 'noOmitEmpty'],
]);

export const PodOS = message('PodOS', [
  [1, 'name', 'string', 'noOmitEmpty'],
]);

export const PodSchedulingGate = message('PodSchedulingGate', [
  [1, 'name', 'string', 'noOmitEmpty'],
]);

export const PodResourceClaim = message('PodResourceClaim', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [3, 'resourceClaimName', 'string', 'pointer'],
  [4, 'resourceClaimTemplateName', 'string', 'pointer'],
]);

export const PodSchedulingGroup = message('PodSchedulingGroup', [
  [1, 'podGroupName', 'string', 'pointer'],
]);

export const EvictionResponder = message('EvictionResponder', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'priority', 'int32', 'nullable'],
]);

export const PodSpec = message('PodSpec', [
  [1, 'volumes', list(Volume)],
  [20, 'initContainers', list(Container)],
  [2, 'containers', list(Container), 'noOmitEmpty'],
  [34, 'ephemeralContainers', list(EphemeralContainer)],
  [3, 'restartPolicy', 'string'],
  [4, 'terminationGracePeriodSeconds', 'int64', 'pointer'],
  [5, 'activeDeadlineSeconds', 'int64', 'pointer'],
  [6, 'dnsPolicy', 'string'],
  [7, 'nodeSelector', map('string')],
  [8, 'serviceAccountName', 'string'],
  [9, 'serviceAccount', 'string'],
  [21, 'automountServiceAccountToken', 'bool', 'pointer'],
  [10, 'nodeName', 'string'],
  [11, 'hostNetwork', 'bool'],
  [12, 'hostPID', 'bool'],
  [13, 'hostIPC', 'bool'],
  [27, 'shareProcessNamespace', 'bool', 'pointer'],
  [14, 'securityContext', PodSecurityContext, 'pointer'],
  [15, 'imagePullSecrets', list(LocalObjectReference)],
  [16, 'hostname', 'string'],
  [17, 'subdomain', 'string'],
  [18, 'affinity', Affinity, 'pointer'],
  [19, 'schedulerName', 'string'],
  [22, 'tolerations', list(Toleration)],
  [23, 'hostAliases', list(HostAlias)],
  [24, 'priorityClassName', 'string'],
  [25, 'priority', 'int32', 'pointer'],
  [26, 'dnsConfig', PodDNSConfig, 'pointer'],
  [28, 'readinessGates', list(PodReadinessGate)],
  [29, 'runtimeClassName', 'string', 'pointer'],
  [30, 'enableServiceLinks', 'bool', 'pointer'],
  [31, 'preemptionPolicy', 'string', 'pointer'],
  [32, 'overhead', map(Quantity)],
  [33, 'topologySpreadConstraints', list(TopologySpreadConstraint)],
  [35, 'setHostnameAsFQDN', 'bool', 'pointer'],
  [36, 'os', PodOS, 'pointer'],
  [37, 'hostUsers', 'bool', 'pointer'],
  [38, 'schedulingGates', list(PodSchedulingGate)],
  [39, 'resourceClaims', list(PodResourceClaim)],
  [40, 'resources', ResourceRequirements, 'pointer'],
  [41, 'hostnameOverride', 'string', 'pointer'],
  [43, 'schedulingGroup', PodSchedulingGroup, 'pointer'],
  [44, 'evictionResponders', list(EvictionResponder)],
]);

export const Pod = message('Pod', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', PodSpec],
  [3, 'status', PodStatus],
]);

export const PodTemplateSpec = message('PodTemplateSpec', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', PodSpec],
]);

export const PodTemplate = message('PodTemplate', [
  [1, 'metadata', ObjectMeta],
  [2, 'template', PodTemplateSpec],
]);

export const ReplicationControllerSpec = message('ReplicationControllerSpec', [
  [1, 'replicas', 'int32', 'pointer'],
  [4, 'minReadySeconds', 'int32'],
  [2, 'selector', map('string')],
  [3, 'template', PodTemplateSpec, 'pointer'],
]);

export const ReplicationControllerCondition = message('ReplicationControllerCondition', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'status', 'string', 'noOmitEmpty'],
  [3, 'lastTransitionTime', Time],
  [4, 'reason', 'string'],
  [5, 'message', 'string'],
]);

export const ReplicationControllerStatus = message('ReplicationControllerStatus', [
  [1, 'replicas', 'int32', 'noOmitEmpty'],
  [2, 'fullyLabeledReplicas', 'int32'],
  [4, 'readyReplicas', 'int32'],
  [5, 'availableReplicas', 'int32'],
  [3, 'observedGeneration', 'int64'],
  [6, 'conditions', list(ReplicationControllerCondition)],
]);

export const ReplicationController = message('ReplicationController', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', ReplicationControllerSpec],
  [3, 'status', ReplicationControllerStatus],
]);

export const ObjectReference = message('ObjectReference', [
  [1, 'kind', 'string'],
  [2, 'namespace', 'string'],
  [3, 'name', 'string'],
  [4, 'uid', 'string'],
  [5, 'apiVersion', 'string'],
  [6, 'resourceVersion', 'string'],
  [7, 'fieldPath', 'string'],
]);

export const Binding = message('Binding', [
  [1, 'metadata', ObjectMeta],
  [2, 'target', ObjectReference],
]);
