import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { apiServiceDefinition } from '../apis/apiservice/definition';
import { apiregistrationGroup } from '../apis/apiservice/types';

/** apiregistration.k8s.io/v1: apiservices (kube-aggregator/pkg/registry/apiservice/rest). */
export const apiregistrationRESTStorageProvider = newRESTStorageProviderFor({
  group: apiregistrationGroup,
  versions: ['v1'],
  resources: [apiServiceDefinition],
});
