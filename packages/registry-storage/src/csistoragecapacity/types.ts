import type { KObject } from '@kapi/apiserver-core';
import type { LabelSelectorSpec } from '@kapi/registry-apps';

/** storage.k8s.io/v1 CSIStorageCapacity: what a driver can still provision for a class in a topology segment. */
export interface CSIStorageCapacity extends KObject {
  nodeTopology?: LabelSelectorSpec;
  storageClassName?: string;
  capacity?: string;
  maximumVolumeSize?: string;
}
