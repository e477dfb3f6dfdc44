import type { ResourceSchema } from '@kapi/apiserver-core';

/** Deployment's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const deploymentSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'Deployment' },
  definition: 'io.k8s.api.apps.v1.Deployment',
};
