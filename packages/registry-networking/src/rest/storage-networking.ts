import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { ingressDefinition } from '../ingress/definition';
import { ingressClassDefinition } from '../ingressclass/definition';
import { networkPolicyDefinition } from '../networkpolicy/definition';

/**
 * networking.k8s.io/v1 as kube-apiserver 1.32 serves it by default (ipaddresses and servicecidrs are beta, off).
 * The default IngressClass is given by the DefaultIngressClass admission plugin (@kapi/admission-plugins).
 */
export const networkingRESTStorageProvider = newRESTStorageProviderFor({
  group: 'networking.k8s.io',
  versions: ['v1'],
  resources: [networkPolicyDefinition, ingressDefinition, ingressClassDefinition],
});
