import { protobuf } from '@kapi/apiserver-core';
import { NodeSelector } from './core-v1-affinity';
import { ObjectReference } from './core-v1-pod';
import { AWSElasticBlockStoreVolumeSource, AzureDiskVolumeSource, FCVolumeSource, FlockerVolumeSource, GCEPersistentDiskVolumeSource, HostPathVolumeSource, NFSVolumeSource, PhotonPersistentDiskVolumeSource, PortworxVolumeSource, QuobyteVolumeSource, VsphereVirtualDiskVolumeSource } from './core-v1-volume';

const { Quantity, list, map, message } = protobuf;
const { ObjectMeta, Time } = protobuf.metaV1;

/** core/v1 PersistentVolume and its volume sources. core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const GlusterfsPersistentVolumeSource = message('GlusterfsPersistentVolumeSource', [
  [1, 'endpoints', 'string', 'noOmitEmpty'],
  [2, 'path', 'string', 'noOmitEmpty'],
  [3, 'readOnly', 'bool'],
  [4, 'endpointsNamespace', 'string', 'pointer'],
]);

export const SecretReference = message('SecretReference', [
  [1, 'name', 'string'],
  [2, 'namespace', 'string'],
]);

export const RBDPersistentVolumeSource = message('RBDPersistentVolumeSource', [
  [1, 'monitors', list('string'), 'noOmitEmpty'],
  [2, 'image', 'string', 'noOmitEmpty'],
  [3, 'fsType', 'string'],
  [4, 'pool', 'string'],
  [5, 'user', 'string'],
  [6, 'keyring', 'string'],
  [7, 'secretRef', SecretReference, 'pointer'],
  [8, 'readOnly', 'bool'],
]);

export const ISCSIPersistentVolumeSource = message('ISCSIPersistentVolumeSource', [
  [1, 'targetPortal', 'string', 'noOmitEmpty'],
  [2, 'iqn', 'string', 'noOmitEmpty'],
  [3, 'lun', 'int32', 'noOmitEmpty'],
  [4, 'iscsiInterface', 'string'],
  [5, 'fsType', 'string'],
  [6, 'readOnly', 'bool'],
  [7, 'portals', list('string')],
  [8, 'chapAuthDiscovery', 'bool'],
  [11, 'chapAuthSession', 'bool'],
  [10, 'secretRef', SecretReference, 'pointer'],
  [12, 'initiatorName', 'string', 'pointer'],
]);

export const CinderPersistentVolumeSource = message('CinderPersistentVolumeSource', [
  [1, 'volumeID', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
  [3, 'readOnly', 'bool'],
  [4, 'secretRef', SecretReference, 'pointer'],
]);

export const CephFSPersistentVolumeSource = message('CephFSPersistentVolumeSource', [
  [1, 'monitors', list('string'), 'noOmitEmpty'],
  [2, 'path', 'string'],
  [3, 'user', 'string'],
  [4, 'secretFile', 'string'],
  [5, 'secretRef', SecretReference, 'pointer'],
  [6, 'readOnly', 'bool'],
]);

export const FlexPersistentVolumeSource = message('FlexPersistentVolumeSource', [
  [1, 'driver', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string'],
  [3, 'secretRef', SecretReference, 'pointer'],
  [4, 'readOnly', 'bool'],
  [5, 'options', map('string')],
]);

export const AzureFilePersistentVolumeSource = message('AzureFilePersistentVolumeSource', [
  [1, 'secretName', 'string', 'noOmitEmpty'],
  [2, 'shareName', 'string', 'noOmitEmpty'],
  [3, 'readOnly', 'bool'],
  [4, 'secretNamespace', 'string', 'nullable'],
]);

export const ScaleIOPersistentVolumeSource = message('ScaleIOPersistentVolumeSource', [
  [1, 'gateway', 'string', 'noOmitEmpty'],
  [2, 'system', 'string', 'noOmitEmpty'],
  [3, 'secretRef', SecretReference, 'nullable'],
  [4, 'sslEnabled', 'bool'],
  [5, 'protectionDomain', 'string'],
  [6, 'storagePool', 'string'],
  [7, 'storageMode', 'string'],
  [8, 'volumeName', 'string'],
  [9, 'fsType', 'string'],
  [10, 'readOnly', 'bool'],
]);

export const LocalVolumeSource = message('LocalVolumeSource', [
  [1, 'path', 'string', 'noOmitEmpty'],
  [2, 'fsType', 'string', 'pointer'],
]);

export const StorageOSPersistentVolumeSource = message('StorageOSPersistentVolumeSource', [
  [1, 'volumeName', 'string'],
  [2, 'volumeNamespace', 'string'],
  [3, 'fsType', 'string'],
  [4, 'readOnly', 'bool'],
  [5, 'secretRef', ObjectReference, 'pointer'],
]);

export const CSIPersistentVolumeSource = message('CSIPersistentVolumeSource', [
  [1, 'driver', 'string', 'noOmitEmpty'],
  [2, 'volumeHandle', 'string', 'noOmitEmpty'],
  [3, 'readOnly', 'bool'],
  [4, 'fsType', 'string'],
  [5, 'volumeAttributes', map('string')],
  [6, 'controllerPublishSecretRef', SecretReference, 'pointer'],
  [7, 'nodeStageSecretRef', SecretReference, 'pointer'],
  [8, 'nodePublishSecretRef', SecretReference, 'pointer'],
  [9, 'controllerExpandSecretRef', SecretReference, 'pointer'],
  [10, 'nodeExpandSecretRef', SecretReference, 'pointer'],
]);

export const PersistentVolumeSource = message('PersistentVolumeSource', [
  [1, 'gcePersistentDisk', GCEPersistentDiskVolumeSource, 'pointer'],
  [2, 'awsElasticBlockStore', AWSElasticBlockStoreVolumeSource, 'pointer'],
  [3, 'hostPath', HostPathVolumeSource, 'pointer'],
  [4, 'glusterfs', GlusterfsPersistentVolumeSource, 'pointer'],
  [5, 'nfs', NFSVolumeSource, 'pointer'],
  [6, 'rbd', RBDPersistentVolumeSource, 'pointer'],
  [7, 'iscsi', ISCSIPersistentVolumeSource, 'pointer'],
  [8, 'cinder', CinderPersistentVolumeSource, 'pointer'],
  [9, 'cephfs', CephFSPersistentVolumeSource, 'pointer'],
  [10, 'fc', FCVolumeSource, 'pointer'],
  [11, 'flocker', FlockerVolumeSource, 'pointer'],
  [12, 'flexVolume', FlexPersistentVolumeSource, 'pointer'],
  [13, 'azureFile', AzureFilePersistentVolumeSource, 'pointer'],
  [14, 'vsphereVolume', VsphereVirtualDiskVolumeSource, 'pointer'],
  [15, 'quobyte', QuobyteVolumeSource, 'pointer'],
  [16, 'azureDisk', AzureDiskVolumeSource, 'pointer'],
  [17, 'photonPersistentDisk', PhotonPersistentDiskVolumeSource, 'pointer'],
  [18, 'portworxVolume', PortworxVolumeSource, 'pointer'],
  [19, 'scaleIO', ScaleIOPersistentVolumeSource, 'pointer'],
  [20, 'local', LocalVolumeSource, 'pointer'],
  [21, 'storageos', StorageOSPersistentVolumeSource, 'pointer'],
  [22, 'csi', CSIPersistentVolumeSource, 'pointer'],
]);

export const VolumeNodeAffinity = message('VolumeNodeAffinity', [
  [1, 'required', NodeSelector, 'pointer'],
]);

export const PersistentVolumeSpec = message('PersistentVolumeSpec', [
  [1, 'capacity', map(Quantity)],
  [2, '', PersistentVolumeSource, 'inline'],
  [3, 'accessModes', list('string')],
  [4, 'claimRef', ObjectReference, 'pointer'],
  [5, 'persistentVolumeReclaimPolicy', 'string'],
  [6, 'storageClassName', 'string'],
  [7, 'mountOptions', list('string')],
  [8, 'volumeMode', 'string', 'pointer'],
  [9, 'nodeAffinity', VolumeNodeAffinity, 'pointer'],
  [10, 'volumeAttributesClassName', 'string', 'pointer'],
]);

export const PersistentVolumeStatus = message('PersistentVolumeStatus', [
  [1, 'phase', 'string'],
  [2, 'message', 'string'],
  [3, 'reason', 'string'],
  [4, 'lastPhaseTransitionTime', Time, 'pointer'],
]);

export const PersistentVolume = message('PersistentVolume', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', PersistentVolumeSpec],
  [3, 'status', PersistentVolumeStatus],
]);
