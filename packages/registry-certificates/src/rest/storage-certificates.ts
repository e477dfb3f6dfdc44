import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { csrDefinition } from '../certificatesigningrequest/definition';

/** certificates.k8s.io/v1 as kube-apiserver 1.32 serves it by default (clustertrustbundles are alpha, off). */
export const certificatesRESTStorageProvider = newRESTStorageProviderFor({
  group: 'certificates.k8s.io',
  versions: ['v1'],
  resources: [csrDefinition],
});
