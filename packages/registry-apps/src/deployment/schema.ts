import { conditionsList, type ResourceSchema } from '@kapi/apiserver-core';

/** Deployment's schema; the pod template it embeds is the shared core/v1 definition. */
export const deploymentSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'Deployment' },
  definition: 'io.k8s.api.apps.v1.Deployment',
  extensions: {
    // `patchStrategy:"retainKeys"`: switching strategy.type drops the other type's fields.
    'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { 'x-kubernetes-patch-strategy': 'retainKeys' } },
    'io.k8s.api.apps.v1.DeploymentStatus': { conditions: conditionsList },
  },
};
