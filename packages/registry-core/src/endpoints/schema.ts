import { atomicList, type ResourceSchema } from '@kapi/apiserver-core';

/** Endpoints's schema: the kubernetes-types definition. */
export const endpointsSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Endpoints' },
  definition: 'io.k8s.api.core.v1.Endpoints',
  extensions: { 'io.k8s.api.core.v1.Endpoints': { subsets: atomicList } },
};
