import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { endpointSliceDefinition } from '../endpointslice/definition';

/** discovery.k8s.io/v1: endpointslices, what kube-proxy and DNS read a Service's endpoints from. */
export const discoveryRESTStorageProvider = newRESTStorageProviderFor({
  group: 'discovery.k8s.io',
  versions: ['v1'],
  resources: [endpointSliceDefinition],
});
