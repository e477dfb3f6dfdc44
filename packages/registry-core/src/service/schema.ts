import { atomicList, conditionsList, mergeByKey, type ResourceSchema } from '@kapi/apiserver-core';

/** Service's schema: the kubernetes-types definition, with the merge keys kubectl apply needs for ports. */
export const serviceSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Service' },
  definition: 'io.k8s.api.core.v1.Service',
  extensions: {
    'io.k8s.api.core.v1.ServiceSpec': {
      ports: mergeByKey('port', 'port', 'protocol'),
      clusterIPs: atomicList,
      ipFamilies: atomicList,
      externalIPs: atomicList,
      loadBalancerSourceRanges: atomicList,
    },
    'io.k8s.api.core.v1.ServiceStatus': { conditions: conditionsList },
    'io.k8s.api.core.v1.LoadBalancerStatus': { ingress: atomicList },
  },
};
