import type { ResourceSchema } from '@kapi/apiserver-core';

/** DaemonSet's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const daemonSetSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'DaemonSet' },
  definition: 'io.k8s.api.apps.v1.DaemonSet',
};
