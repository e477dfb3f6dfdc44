import { conditionsList, type ResourceSchema } from '@kapi/apiserver-core';

/** DaemonSet's schema: the kubernetes-types definition with its conditions merged by type. */
export const daemonSetSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'DaemonSet' },
  definition: 'io.k8s.api.apps.v1.DaemonSet',
  extensions: {
    'io.k8s.api.apps.v1.DaemonSetStatus': { conditions: conditionsList },
  },
};
