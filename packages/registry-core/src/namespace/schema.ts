import { conditionsList, type ResourceSchema } from '@kapi/apiserver-core';

export const namespaceSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Namespace' },
  definition: 'io.k8s.api.core.v1.Namespace',
  extensions: {
    'io.k8s.api.core.v1.NamespaceSpec': { finalizers: { 'x-kubernetes-list-type': 'atomic' } },
    'io.k8s.api.core.v1.NamespaceStatus': { conditions: conditionsList },
  },
};
