import { atomicList, mergeByKey, type ResourceSchema } from '@kapi/apiserver-core';

/** ServiceAccount's schema: the kubernetes-types definition. */
export const serviceAccountSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ServiceAccount' },
  definition: 'io.k8s.api.core.v1.ServiceAccount',
  extensions: { 'io.k8s.api.core.v1.ServiceAccount': { secrets: mergeByKey('name'), imagePullSecrets: atomicList } },
};
