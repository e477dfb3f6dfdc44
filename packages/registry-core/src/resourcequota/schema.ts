import type { ResourceSchema } from '@kapi/apiserver-core';

/** ResourceQuota's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const resourceQuotaSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'ResourceQuota' },
  definition: 'io.k8s.api.core.v1.ResourceQuota',
};
