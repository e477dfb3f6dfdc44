import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { csiDriverDefinition } from '../csidriver/definition';
import { csiNodeDefinition } from '../csinode/definition';
import { csiStorageCapacityDefinition } from '../csistoragecapacity/definition';
import { storageClassDefinition } from '../storageclass/definition';
import { volumeAttachmentDefinition } from '../volumeattachment/definition';

/** storage.k8s.io/v1 as kube-apiserver 1.32 serves it by default (volumeattributesclasses are beta, off by default). */
export const storageRESTStorageProvider = newRESTStorageProviderFor({
  group: 'storage.k8s.io',
  versions: ['v1'],
  resources: [storageClassDefinition, csiDriverDefinition, csiNodeDefinition, csiStorageCapacityDefinition, volumeAttachmentDefinition],
});
