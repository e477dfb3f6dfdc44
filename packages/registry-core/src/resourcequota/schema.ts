import { atomicList, type ResourceSchema } from '@kapi/apiserver-core';

/** ResourceQuota's schema: the kubernetes-types definition. */
export const resourceQuotaSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ResourceQuota' },
  definition: 'io.k8s.api.core.v1.ResourceQuota',
  extensions: { 'io.k8s.api.core.v1.ResourceQuotaSpec': { scopes: atomicList } },
};
