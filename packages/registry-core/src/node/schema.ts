import { atomicList, conditionsList, mergeByKey, type ResourceSchema } from '@kapi/apiserver-core';

/** Node's schema: the kubernetes-types definition. */
export const nodeSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Node' },
  definition: 'io.k8s.api.core.v1.Node',
  extensions: {
    'io.k8s.api.core.v1.NodeSpec': { podCIDRs: { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' }, taints: atomicList },
    'io.k8s.api.core.v1.NodeStatus': { conditions: conditionsList, addresses: mergeByKey('type'), images: atomicList, volumesInUse: atomicList },
  },
};
