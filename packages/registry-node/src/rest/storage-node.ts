import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { runtimeClassDefinition } from '../runtimeclass/definition';

/** node.k8s.io/v1: runtimeclasses (pkg/registry/node/rest). */
export const nodeRESTStorageProvider = newRESTStorageProviderFor({
  group: 'node.k8s.io',
  versions: ['v1'],
  resources: [runtimeClassDefinition],
});
