import { protobuf } from '@kapi/apiserver-core';

const { Quantity, list, map, message } = protobuf;
const { LabelSelector } = protobuf.metaV1;

/** core/v1 volume sources that project API data (configMap, secret, downwardAPI, projected). core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const LocalObjectReference = message('LocalObjectReference', [
  [1, 'name', 'string'],
]);

export const KeyToPath = message('KeyToPath', [
  [1, 'key', 'string', 'noOmitEmpty'],
  [2, 'path', 'string', 'noOmitEmpty'],
  [3, 'mode', 'int32', 'pointer'],
  [4, 'user', 'int64', 'pointer'],
]);

export const SecretProjection = message('SecretProjection', [
  [1, '', LocalObjectReference, 'inline'],
  [2, 'items', list(KeyToPath)],
  [4, 'optional', 'bool', 'pointer'],
]);

export const ObjectFieldSelector = message('ObjectFieldSelector', [
  [1, 'apiVersion', 'string'],
  [2, 'fieldPath', 'string', 'noOmitEmpty'],
]);

export const ResourceFieldSelector = message('ResourceFieldSelector', [
  [1, 'containerName', 'string'],
  [2, 'resource', 'string', 'noOmitEmpty'],
  [3, 'divisor', Quantity],
]);

export const DownwardAPIVolumeFile = message('DownwardAPIVolumeFile', [
  [1, 'path', 'string', 'noOmitEmpty'],
  [2, 'fieldRef', ObjectFieldSelector, 'pointer'],
  [3, 'resourceFieldRef', ResourceFieldSelector, 'pointer'],
  [4, 'mode', 'int32', 'pointer'],
  [5, 'user', 'int64', 'pointer'],
]);

export const DownwardAPIProjection = message('DownwardAPIProjection', [
  [1, 'items', list(DownwardAPIVolumeFile)],
]);

export const ConfigMapProjection = message('ConfigMapProjection', [
  [1, '', LocalObjectReference, 'inline'],
  [2, 'items', list(KeyToPath)],
  [4, 'optional', 'bool', 'pointer'],
]);

export const ServiceAccountTokenProjection = message('ServiceAccountTokenProjection', [
  [1, 'audience', 'string'],
  [2, 'expirationSeconds', 'int64', 'pointer'],
  [3, 'path', 'string', 'noOmitEmpty'],
  [4, 'user', 'int64', 'pointer'],
]);

export const ClusterTrustBundleProjection = message('ClusterTrustBundleProjection', [
  [1, 'name', 'string', 'pointer'],
  [2, 'signerName', 'string', 'pointer'],
  [3, 'labelSelector', LabelSelector, 'pointer'],
  [5, 'optional', 'bool', 'pointer'],
  [4, 'path', 'string', 'noOmitEmpty'],
  [6, 'user', 'int64', 'pointer'],
]);

export const PodCertificateProjection = message('PodCertificateProjection', [
  [1, 'signerName', 'string'],
  [2, 'keyType', 'string'],
  [3, 'maxExpirationSeconds', 'int32', 'pointer'],
  [4, 'credentialBundlePath', 'string'],
  [5, 'keyPath', 'string'],
  [6, 'certificateChainPath', 'string'],
  [7, 'userAnnotations', map('string')],
  [8, 'user', 'int64', 'pointer'],
]);

export const VolumeProjection = message('VolumeProjection', [
  [1, 'secret', SecretProjection, 'pointer'],
  [2, 'downwardAPI', DownwardAPIProjection, 'pointer'],
  [3, 'configMap', ConfigMapProjection, 'pointer'],
  [4, 'serviceAccountToken', ServiceAccountTokenProjection, 'pointer'],
  [5, 'clusterTrustBundle', ClusterTrustBundleProjection, 'pointer'],
  [6, 'podCertificate', PodCertificateProjection, 'pointer'],
]);

export const ProjectedVolumeSource = message('ProjectedVolumeSource', [
  [1, 'sources', list(VolumeProjection), 'noOmitEmpty'],
  [2, 'defaultMode', 'int32', 'pointer'],
  [3, 'defaultUser', 'int64', 'pointer'],
]);

export const DownwardAPIVolumeSource = message('DownwardAPIVolumeSource', [
  [1, 'items', list(DownwardAPIVolumeFile)],
  [2, 'defaultMode', 'int32', 'pointer'],
  [3, 'defaultUser', 'int64', 'pointer'],
]);

export const SecretVolumeSource = message('SecretVolumeSource', [
  [1, 'secretName', 'string'],
  [2, 'items', list(KeyToPath)],
  [3, 'defaultMode', 'int32', 'pointer'],
  [4, 'optional', 'bool', 'pointer'],
  [5, 'defaultUser', 'int64', 'pointer'],
]);

export const ConfigMapVolumeSource = message('ConfigMapVolumeSource', [
  [1, '', LocalObjectReference, 'inline'],
  [2, 'items', list(KeyToPath)],
  [3, 'defaultMode', 'int32', 'pointer'],
  [4, 'optional', 'bool', 'pointer'],
  [5, 'defaultUser', 'int64', 'pointer'],
]);
