import { conditionsList, type ResourceSchema } from '@kapi/apiserver-core';

/** ComponentStatus's schema: the kubernetes-types definition. */
export const componentStatusSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ComponentStatus' },
  definition: 'io.k8s.api.core.v1.ComponentStatus',
  extensions: { 'io.k8s.api.core.v1.ComponentStatus': { conditions: conditionsList } },
};
