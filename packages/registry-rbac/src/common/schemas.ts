import type { DefinitionExtensions } from '@kapi/apiserver-core';

/**
 * The list and struct types of rbac/v1 (`+listType=atomic`, RoleRef's `+structType=atomic`), so
 * server-side apply and strategic merge replace rules, subjects and roleRef whole, as kube does.
 */
const atomic = { 'x-kubernetes-list-type': 'atomic' } as const;

export const rbacExtensions: DefinitionExtensions = {
  'io.k8s.api.rbac.v1.PolicyRule': { verbs: atomic, apiGroups: atomic, resources: atomic, resourceNames: atomic, nonResourceURLs: atomic },
  'io.k8s.api.rbac.v1.Role': { rules: atomic },
  'io.k8s.api.rbac.v1.ClusterRole': { rules: atomic },
  'io.k8s.api.rbac.v1.AggregationRule': { clusterRoleSelectors: atomic },
  'io.k8s.api.rbac.v1.RoleBinding': { subjects: atomic },
  'io.k8s.api.rbac.v1.ClusterRoleBinding': { subjects: atomic },
  'io.k8s.api.rbac.v1.RoleRef': { '': { 'x-kubernetes-map-type': 'atomic' } },
};
