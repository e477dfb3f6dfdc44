import {
  newRESTStorageProviderFor, type APIGroupInfo, type APIResourceConfigSource, type RESTOptionsGetter, type RESTStorageProvider,
} from '@kapi/apiserver-core';
import { admitDefaultIngressClass } from '../ingress/default-class';
import { ingressDefinition } from '../ingress/definition';
import { ingressClassDefinition } from '../ingressclass/definition';
import { networkPolicyDefinition } from '../networkpolicy/definition';

/** networking.k8s.io/v1 as kube-apiserver 1.32 serves it by default (ipaddresses and servicecidrs are beta, off). */
export const networkingGroupProvider = newRESTStorageProviderFor({
  group: 'networking.k8s.io',
  versions: ['v1'],
  resources: [networkPolicyDefinition, ingressDefinition, ingressClassDefinition],
});

/** The defined group, with ingress creates given the default IngressClass as kube's admission gives it. */
export const networkingRESTStorageProvider: RESTStorageProvider = {
  groupName: networkingGroupProvider.groupName,
  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const info = networkingGroupProvider.newRESTStorage(source, getter);
    admitDefaultIngressClass(info);
    return info;
  },
};
