import { protobuf } from '@kapi/apiserver-core';
import { LocalObjectReference, ObjectFieldSelector, ResourceFieldSelector } from './core-v1-volume-projection';

const { IntOrString, Quantity, list, map, message } = protobuf;

/** core/v1 Container and what it holds (ports, env, resources, mounts, probes, lifecycle, securityContext). core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const ContainerPort = message('ContainerPort', [
  [1, 'name', 'string'],
  [2, 'hostPort', 'int32'],
  [3, 'containerPort', 'int32', 'noOmitEmpty'],
  [4, 'protocol', 'string'],
  [5, 'hostIP', 'string'],
]);

export const ConfigMapEnvSource = message('ConfigMapEnvSource', [
  [1, '', LocalObjectReference, 'inline'],
  [2, 'optional', 'bool', 'pointer'],
]);

export const SecretEnvSource = message('SecretEnvSource', [
  [1, '', LocalObjectReference, 'inline'],
  [2, 'optional', 'bool', 'pointer'],
]);

export const EnvFromSource = message('EnvFromSource', [
  [1, 'prefix', 'string'],
  [2, 'configMapRef', ConfigMapEnvSource, 'pointer'],
  [3, 'secretRef', SecretEnvSource, 'pointer'],
]);

export const ConfigMapKeySelector = message('ConfigMapKeySelector', [
  [1, '', LocalObjectReference, 'inline'],
  [2, 'key', 'string', 'noOmitEmpty'],
  [3, 'optional', 'bool', 'pointer'],
]);

export const SecretKeySelector = message('SecretKeySelector', [
  [1, '', LocalObjectReference, 'inline'],
  [2, 'key', 'string', 'noOmitEmpty'],
  [3, 'optional', 'bool', 'pointer'],
]);

export const FileKeySelector = message('FileKeySelector', [
  [1, 'volumeName', 'string', 'noOmitEmpty'],
  [2, 'path', 'string', 'noOmitEmpty'],
  [3, 'key', 'string', 'noOmitEmpty'],
  [4, 'optional', 'bool', 'pointer'],
]);

export const EnvVarSource = message('EnvVarSource', [
  [1, 'fieldRef', ObjectFieldSelector, 'pointer'],
  [2, 'resourceFieldRef', ResourceFieldSelector, 'pointer'],
  [3, 'configMapKeyRef', ConfigMapKeySelector, 'pointer'],
  [4, 'secretKeyRef', SecretKeySelector, 'pointer'],
  [5, 'fileKeyRef', FileKeySelector, 'pointer'],
]);

export const EnvVar = message('EnvVar', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'value', 'string'],
  [3, 'valueFrom', EnvVarSource, 'pointer'],
]);

export const ResourceClaim = message('ResourceClaim', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'request', 'string'],
]);

export const ResourceRequirements = message('ResourceRequirements', [
  [1, 'limits', map(Quantity)],
  [2, 'requests', map(Quantity)],
  [3, 'claims', list(ResourceClaim)],
]);

export const ContainerResizePolicy = message('ContainerResizePolicy', [
  [1, 'resourceName', 'string', 'noOmitEmpty'],
  [2, 'restartPolicy', 'string', 'noOmitEmpty'],
]);

export const ContainerRestartRuleOnExitCodes = message('ContainerRestartRuleOnExitCodes', [
  [1, 'operator', 'string'],
  [2, 'values', list('int32')],
]);

export const ContainerRestartRule = message('ContainerRestartRule', [
  [1, 'action', 'string'],
  [2, 'exitCodes', ContainerRestartRuleOnExitCodes, 'pointer'],
]);

export const VolumeMount = message('VolumeMount', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'readOnly', 'bool'],
  [7, 'recursiveReadOnly', 'string', 'pointer'],
  [3, 'mountPath', 'string', 'noOmitEmpty'],
  [4, 'subPath', 'string'],
  [5, 'mountPropagation', 'string', 'pointer'],
  [6, 'subPathExpr', 'string'],
  [8, 'bindMountOptions', list('string')],
]);

export const VolumeDevice = message('VolumeDevice', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'devicePath', 'string', 'noOmitEmpty'],
]);

export const ExecAction = message('ExecAction', [
  [1, 'command', list('string')],
]);

export const HTTPHeader = message('HTTPHeader', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'value', 'string', 'noOmitEmpty'],
]);

export const HTTPGetAction = message('HTTPGetAction', [
  [1, 'path', 'string'],
  [2, 'port', IntOrString],
  [3, 'host', 'string'],
  [4, 'scheme', 'string'],
  [5, 'httpHeaders', list(HTTPHeader)],
  [6, 'protocol', 'string', 'pointer'],
]);

export const TCPSocketAction = message('TCPSocketAction', [
  [1, 'port', IntOrString],
  [2, 'host', 'string'],
]);

export const GRPCAction = message('GRPCAction', [
  [1, 'port', 'int32', 'noOmitEmpty'],
  [2, 'service', 'string', 'nullable'],
  [3, 'mode', 'string', 'pointer'],
]);

export const ProbeHandler = message('ProbeHandler', [
  [1, 'exec', ExecAction, 'pointer'],
  [2, 'httpGet', HTTPGetAction, 'pointer'],
  [3, 'tcpSocket', TCPSocketAction, 'pointer'],
  [4, 'grpc', GRPCAction, 'pointer'],
]);

export const Probe = message('Probe', [
  [1, '', ProbeHandler, 'inline'],
  [2, 'initialDelaySeconds', 'int32'],
  [3, 'timeoutSeconds', 'int32'],
  [4, 'periodSeconds', 'int32'],
  [5, 'successThreshold', 'int32'],
  [6, 'failureThreshold', 'int32'],
  [7, 'terminationGracePeriodSeconds', 'int64', 'pointer'],
]);

export const SleepAction = message('SleepAction', [
  [1, 'seconds', 'int64', 'noOmitEmpty'],
]);

export const LifecycleHandler = message('LifecycleHandler', [
  [1, 'exec', ExecAction, 'pointer'],
  [2, 'httpGet', HTTPGetAction, 'pointer'],
  [3, 'tcpSocket', TCPSocketAction, 'pointer'],
  [4, 'sleep', SleepAction, 'pointer'],
]);

export const Lifecycle = message('Lifecycle', [
  [1, 'postStart', LifecycleHandler, 'pointer'],
  [2, 'preStop', LifecycleHandler, 'pointer'],
  [3, 'stopSignal', 'string', 'pointer'],
]);

export const Capabilities = message('Capabilities', [
  [1, 'add', list('string')],
  [2, 'drop', list('string')],
]);

export const SELinuxOptions = message('SELinuxOptions', [
  [1, 'user', 'string'],
  [2, 'role', 'string'],
  [3, 'type', 'string'],
  [4, 'level', 'string'],
]);

export const WindowsSecurityContextOptions = message('WindowsSecurityContextOptions', [
  [1, 'gmsaCredentialSpecName', 'string', 'pointer'],
  [2, 'gmsaCredentialSpec', 'string', 'pointer'],
  [3, 'runAsUserName', 'string', 'pointer'],
  [4, 'hostProcess', 'bool', 'pointer'],
]);

export const SeccompProfile = message('SeccompProfile', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'localhostProfile', 'string', 'pointer'],
]);

export const AppArmorProfile = message('AppArmorProfile', [
  [1, 'type', 'string', 'noOmitEmpty'],
  [2, 'localhostProfile', 'string', 'pointer'],
]);

export const SecurityContext = message('SecurityContext', [
  [1, 'capabilities', Capabilities, 'pointer'],
  [2, 'privileged', 'bool', 'pointer'],
  [3, 'seLinuxOptions', SELinuxOptions, 'pointer'],
  [10, 'windowsOptions', WindowsSecurityContextOptions, 'pointer'],
  [4, 'runAsUser', 'int64', 'pointer'],
  [8, 'runAsGroup', 'int64', 'pointer'],
  [5, 'runAsNonRoot', 'bool', 'pointer'],
  [6, 'readOnlyRootFilesystem', 'bool', 'pointer'],
  [7, 'allowPrivilegeEscalation', 'bool', 'pointer'],
  [9, 'procMount', 'string', 'pointer'],
  [11, 'seccompProfile', SeccompProfile, 'pointer'],
  [12, 'appArmorProfile', AppArmorProfile, 'pointer'],
]);

export const Container = message('Container', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'image', 'string'],
  [3, 'command', list('string')],
  [4, 'args', list('string')],
  [5, 'workingDir', 'string'],
  [6, 'ports', list(ContainerPort)],
  [19, 'envFrom', list(EnvFromSource)],
  [7, 'env', list(EnvVar)],
  [8, 'resources', ResourceRequirements],
  [23, 'resizePolicy', list(ContainerResizePolicy)],
  [24, 'restartPolicy', 'string', 'pointer'],
  [25, 'restartPolicyRules', list(ContainerRestartRule)],
  [9, 'volumeMounts', list(VolumeMount)],
  [21, 'volumeDevices', list(VolumeDevice)],
  [10, 'livenessProbe', Probe, 'pointer'],
  [11, 'readinessProbe', Probe, 'pointer'],
  [22, 'startupProbe', Probe, 'pointer'],
  [12, 'lifecycle', Lifecycle, 'pointer'],
  [13, 'terminationMessagePath', 'string'],
  [20, 'terminationMessagePolicy', 'string'],
  [14, 'imagePullPolicy', 'string'],
  [15, 'securityContext', SecurityContext, 'pointer'],
  [16, 'stdin', 'bool'],
  [17, 'stdinOnce', 'bool'],
  [18, 'tty', 'bool'],
]);

export const EphemeralContainerCommon = message('EphemeralContainerCommon', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, 'image', 'string'],
  [3, 'command', list('string')],
  [4, 'args', list('string')],
  [5, 'workingDir', 'string'],
  [6, 'ports', list(ContainerPort)],
  [19, 'envFrom', list(EnvFromSource)],
  [7, 'env', list(EnvVar)],
  [8, 'resources', ResourceRequirements],
  [23, 'resizePolicy', list(ContainerResizePolicy)],
  [24, 'restartPolicy', 'string', 'pointer'],
  [25, 'restartPolicyRules', list(ContainerRestartRule)],
  [9, 'volumeMounts', list(VolumeMount)],
  [21, 'volumeDevices', list(VolumeDevice)],
  [10, 'livenessProbe', Probe, 'pointer'],
  [11, 'readinessProbe', Probe, 'pointer'],
  [22, 'startupProbe', Probe, 'pointer'],
  [12, 'lifecycle', Lifecycle, 'pointer'],
  [13, 'terminationMessagePath', 'string'],
  [20, 'terminationMessagePolicy', 'string'],
  [14, 'imagePullPolicy', 'string'],
  [15, 'securityContext', SecurityContext, 'pointer'],
  [16, 'stdin', 'bool'],
  [17, 'stdinOnce', 'bool'],
  [18, 'tty', 'bool'],
]);

export const EphemeralContainer = message('EphemeralContainer', [
  [1, '', EphemeralContainerCommon, 'inline'],
  [2, 'targetContainerName', 'string'],
]);
