import { protobuf } from '@kapi/apiserver-core';
import { EphemeralVolumeSource } from './core-v1-claim';
import { ConfigMapVolumeSource, DownwardAPIVolumeSource, LocalObjectReference, ProjectedVolumeSource, SecretVolumeSource } from './core-v1-volume-projection';

const { Quantity, list, map, message } = protobuf;

/** core/v1 Volume and every VolumeSource. core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const HostPathVolumeSource = message('HostPathVolumeSource', [
  [1, 'path', 'string', 'noOmitEmpty'],
  [2, 'type', 'string', 'pointer'],
]);

export const EmptyDirVolumeSource = message('EmptyDirVolumeSource', [
  [1, 'medium', 'string'],
  [2, 'sizeLimit', Quantity, 'pointer'],
  [3, 'mode', 'int32', 'pointer'],
]);

export const GCEPersistentDiskVolumeSource = message('GCEPersistentDiskVolumeSource', [
  [1, 'pdName', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
  [3, 'partition', 'int32'],
  [4, 'readOnly', 'bool'],
]);

export const AWSElasticBlockStoreVolumeSource = message('AWSElasticBlockStoreVolumeSource', [
  [1, 'volumeID', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
  [3, 'partition', 'int32'],
  [4, 'readOnly', 'bool'],
]);

export const GitRepoVolumeSource = message('GitRepoVolumeSource', [
  [1, 'repository', 'string', 'noOmitEmpty'],
  [2, 'revision', 'string'],
  [3, 'directory', 'string'],
]);

export const NFSVolumeSource = message('NFSVolumeSource', [
  [1, 'server', 'string', 'noOmitEmpty'],
  [2, 'path', 'string', 'noOmitEmpty'],
  [3, 'readOnly', 'bool'],
]);

export const ISCSIVolumeSource = message('ISCSIVolumeSource', [
  [1, 'targetPortal', 'string', 'noOmitEmpty'],
  [2, 'iqn', 'string', 'noOmitEmpty'],
  [3, 'lun', 'int32', 'noOmitEmpty'],
  [4, 'iscsiInterface', 'string'],
  [5, 'fsType', 'string'],
  [6, 'readOnly', 'bool'],
  [7, 'portals', list('string')],
  [8, 'chapAuthDiscovery', 'bool'],
  [11, 'chapAuthSession', 'bool'],
  [10, 'secretRef', LocalObjectReference, 'pointer'],
  [12, 'initiatorName', 'string', 'pointer'],
]);

export const GlusterfsVolumeSource = message('GlusterfsVolumeSource', [
  [1, 'endpoints', 'string', 'noOmitEmpty'],
  [2, 'path', 'string', 'noOmitEmpty'],
  [3, 'readOnly', 'bool'],
]);

export const PersistentVolumeClaimVolumeSource = message('PersistentVolumeClaimVolumeSource', [
  [1, 'claimName', 'string', 'noOmitEmpty'],
  [2, 'readOnly', 'bool'],
]);

export const RBDVolumeSource = message('RBDVolumeSource', [
  [1, 'monitors', list('string'), 'noOmitEmpty'],
  [2, 'image', 'string', 'noOmitEmpty'],
  [3, 'fsType', 'string'],
  [4, 'pool', 'string'],
  [5, 'user', 'string'],
  [6, 'keyring', 'string'],
  [7, 'secretRef', LocalObjectReference, 'pointer'],
  [8, 'readOnly', 'bool'],
]);

export const FlexVolumeSource = message('FlexVolumeSource', [
  [1, 'driver', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
  [3, 'secretRef', LocalObjectReference, 'pointer'],
  [4, 'readOnly', 'bool'],
  [5, 'options', map('string')],
]);

export const CinderVolumeSource = message('CinderVolumeSource', [
  [1, 'volumeID', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
  [3, 'readOnly', 'bool'],
  [4, 'secretRef', LocalObjectReference, 'pointer'],
]);

export const CephFSVolumeSource = message('CephFSVolumeSource', [
  [1, 'monitors', list('string'), 'noOmitEmpty'],
  [2, 'path', 'string'],
  [3, 'user', 'string'],
  [4, 'secretFile', 'string'],
  [5, 'secretRef', LocalObjectReference, 'pointer'],
  [6, 'readOnly', 'bool'],
]);

export const FlockerVolumeSource = message('FlockerVolumeSource', [
  [1, 'datasetName', 'string'],
  [2, 'datasetUUID', 'string'],
]);

export const FCVolumeSource = message('FCVolumeSource', [
  [1, 'targetWWNs', list('string')],
  [2, 'lun', 'int32', 'pointer'],
  [3, 'fsType', 'string'],
  [4, 'readOnly', 'bool'],
  [5, 'wwids', list('string')],
]);

export const AzureFileVolumeSource = message('AzureFileVolumeSource', [
  [1, 'secretName', 'string', 'noOmitEmpty'],
  [2, 'shareName', 'string', 'noOmitEmpty'],
  [3, 'readOnly', 'bool'],
]);

export const VsphereVirtualDiskVolumeSource = message('VsphereVirtualDiskVolumeSource', [
  [1, 'volumePath', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
  [3, 'storagePolicyName', 'string'],
  [4, 'storagePolicyID', 'string'],
]);

export const QuobyteVolumeSource = message('QuobyteVolumeSource', [
  [1, 'registry', 'string', 'noOmitEmpty'],
  [2, 'volume', 'string', 'noOmitEmpty'],
  [3, 'readOnly', 'bool'],
  [4, 'user', 'string'],
  [5, 'group', 'string'],
  [6, 'tenant', 'string'],
]);

export const AzureDiskVolumeSource = message('AzureDiskVolumeSource', [
  [1, 'diskName', 'string', 'noOmitEmpty'],
  [2, 'diskURI', 'string', 'noOmitEmpty'],
  [3, 'cachingMode', 'string', 'pointer'],
  [4, 'fsType', 'string', 'pointer'],
  [5, 'readOnly', 'bool', 'pointer'],
  [6, 'kind', 'string', 'pointer'],
]);

export const PhotonPersistentDiskVolumeSource = message('PhotonPersistentDiskVolumeSource', [
  [1, 'pdID', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
]);

export const PortworxVolumeSource = message('PortworxVolumeSource', [
  [1, 'volumeID', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
  [3, 'readOnly', 'bool'],
]);

export const ScaleIOVolumeSource = message('ScaleIOVolumeSource', [
  [1, 'gateway', 'string', 'noOmitEmpty'],
  [2, 'system', 'string', 'noOmitEmpty'],
  [3, 'secretRef', LocalObjectReference, 'nullable'],
  [4, 'sslEnabled', 'bool'],
  [5, 'protectionDomain', 'string'],
  [6, 'storagePool', 'string'],
  [7, 'storageMode', 'string'],
  [8, 'volumeName', 'string'],
  [9, 'fsType', 'string'],
  [10, 'readOnly', 'bool'],
]);

export const StorageOSVolumeSource = message('StorageOSVolumeSource', [
  [1, 'volumeName', 'string'],
  [2, 'volumeNamespace', 'string'],
  [3, 'fsType', 'string'],
  [4, 'readOnly', 'bool'],
  [5, 'secretRef', LocalObjectReference, 'pointer'],
]);

export const CSIVolumeSource = message('CSIVolumeSource', [
  [1, 'driver', 'string', 'noOmitEmpty'],
  [2, 'readOnly', 'bool', 'pointer'],
  [3, 'fsType', 'string', 'pointer'],
  [4, 'volumeAttributes', map('string')],
  [5, 'nodePublishSecretRef', LocalObjectReference, 'pointer'],
]);

export const ImageVolumeSource = message('ImageVolumeSource', [
  [1, 'reference', 'string'],
  [2, 'pullPolicy', 'string'],
]);

export const VolumeSource = message('VolumeSource', [
  [1, 'hostPath', HostPathVolumeSource, 'pointer'],
  [2, 'emptyDir', EmptyDirVolumeSource, 'pointer'],
  [3, 'gcePersistentDisk', GCEPersistentDiskVolumeSource, 'pointer'],
  [4, 'awsElasticBlockStore', AWSElasticBlockStoreVolumeSource, 'pointer'],
  [5, 'gitRepo', GitRepoVolumeSource, 'pointer'],
  [6, 'secret', SecretVolumeSource, 'pointer'],
  [7, 'nfs', NFSVolumeSource, 'pointer'],
  [8, 'iscsi', ISCSIVolumeSource, 'pointer'],
  [9, 'glusterfs', GlusterfsVolumeSource, 'pointer'],
  [10, 'persistentVolumeClaim', PersistentVolumeClaimVolumeSource, 'pointer'],
  [11, 'rbd', RBDVolumeSource, 'pointer'],
  [12, 'flexVolume', FlexVolumeSource, 'pointer'],
  [13, 'cinder', CinderVolumeSource, 'pointer'],
  [14, 'cephfs', CephFSVolumeSource, 'pointer'],
  [15, 'flocker', FlockerVolumeSource, 'pointer'],
  [16, 'downwardAPI', DownwardAPIVolumeSource, 'pointer'],
  [17, 'fc', FCVolumeSource, 'pointer'],
  [18, 'azureFile', AzureFileVolumeSource, 'pointer'],
  [19, 'configMap', ConfigMapVolumeSource, 'pointer'],
  [20, 'vsphereVolume', VsphereVirtualDiskVolumeSource, 'pointer'],
  [21, 'quobyte', QuobyteVolumeSource, 'pointer'],
  [22, 'azureDisk', AzureDiskVolumeSource, 'pointer'],
  [23, 'photonPersistentDisk', PhotonPersistentDiskVolumeSource, 'pointer'],
  [26, 'projected', ProjectedVolumeSource, 'pointer'],
  [24, 'portworxVolume', PortworxVolumeSource, 'pointer'],
  [25, 'scaleIO', ScaleIOVolumeSource, 'pointer'],
  [27, 'storageos', StorageOSVolumeSource, 'pointer'],
  [28, 'csi', CSIVolumeSource, 'pointer'],
  [29, 'ephemeral', EphemeralVolumeSource, 'pointer'],
  [30, 'image', ImageVolumeSource, 'pointer'],
]);

export const Volume = message('Volume', [
  [1, 'name', 'string', 'noOmitEmpty'],
  [2, '', VolumeSource, 'inline'],
]);
