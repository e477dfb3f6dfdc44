import { AllAuthenticated, AllUnauthenticated, KubeControllerManager, KubeProxy, KubeScheduler, MonitoringGroup, SystemPrivilegedGroup } from '@kapi/apiserver-core';
import type { BindingObject, RoleObject } from '../common/types';
import { eventsRule, Read, rule } from './rule-builder';
import { clusterRoleBinding, groups, role, roleBinding, serviceAccount, users } from './policy-objects';

/** The ClusterRoleBindings kube-apiserver creates (bootstrappolicy.ClusterRoleBindings). */
export function bootstrapClusterRoleBindings(): BindingObject[] {
  return [
    clusterRoleBinding('cluster-admin', groups(SystemPrivilegedGroup)),
    clusterRoleBinding('system:monitoring', groups(MonitoringGroup)),
    clusterRoleBinding('system:discovery', groups(AllAuthenticated)),
    clusterRoleBinding('system:basic-user', groups(AllAuthenticated)),
    clusterRoleBinding('system:public-info-viewer', groups(AllAuthenticated, AllUnauthenticated)),
    // No subjects: the Node authorizer and NodeRestriction grant kubelets their access instead.
    clusterRoleBinding('system:node', []),
    clusterRoleBinding('system:node-proxier', users(KubeProxy)),
    clusterRoleBinding('system:kube-controller-manager', users(KubeControllerManager)),
    clusterRoleBinding('system:kube-dns', [serviceAccount('kube-system', 'kube-dns')]),
    clusterRoleBinding('system:kube-scheduler', users(KubeScheduler)),
    clusterRoleBinding('system:volume-scheduler', users(KubeScheduler)),
    clusterRoleBinding('system:service-account-issuer-discovery', groups('system:serviceaccounts')),
  ];
}

/** The namespaced Roles of kube-system and kube-public (bootstrappolicy.NamespaceRoles). */
export function bootstrapNamespaceRoles(): RoleObject[] {
  const leaderLocking = [
    rule(['watch', 'list', 'get', 'update', 'create'], ['coordination.k8s.io'], ['leases']),
    rule(['watch', 'list', 'get', 'update', 'create'], ['coordination.k8s.io'], ['leasecandidates']),
  ];
  return [
    // Extension API servers read the client-CA and request-header settings from this ConfigMap.
    role('kube-system', 'extension-apiserver-authentication-reader', [rule(Read, [''], ['configmaps'], ['extension-apiserver-authentication'])]),
    role('kube-system', 'system::leader-locking-kube-controller-manager', leaderLocking),
    role('kube-system', 'system::leader-locking-kube-scheduler', leaderLocking),
    role('kube-system', 'system:controller:bootstrap-signer', [rule(Read, [''], ['secrets'])]),
    role('kube-system', 'system:controller:cloud-provider', [rule(['create', 'get', 'list', 'watch'], [''], ['configmaps'])]),
    role('kube-system', 'system:controller:token-cleaner', [rule(['delete', 'get', 'list', 'watch'], [''], ['secrets']), eventsRule()]),
    role('kube-public', 'system:controller:bootstrap-signer', [rule(Read, [''], ['configmaps']), rule(['update'], [''], ['configmaps'], ['cluster-info']), eventsRule()]),
  ];
}

/** The namespaced RoleBindings of kube-system and kube-public (bootstrappolicy.NamespaceRoleBindings). */
export function bootstrapNamespaceRoleBindings(): BindingObject[] {
  const sa = (name: string) => serviceAccount('kube-system', name);
  return [
    roleBinding('kube-system', 'extension-apiserver-authentication-reader', users(KubeControllerManager, KubeScheduler), 'system::extension-apiserver-authentication-reader'),
    roleBinding('kube-system', 'system::leader-locking-kube-controller-manager', [
      ...users(KubeControllerManager),
      sa('kube-controller-manager'),
      sa('leader-election-controller'),
    ]),
    roleBinding('kube-system', 'system::leader-locking-kube-scheduler', [...users(KubeScheduler), sa('kube-scheduler')]),
    roleBinding('kube-system', 'system:controller:bootstrap-signer', [sa('bootstrap-signer')]),
    roleBinding('kube-system', 'system:controller:cloud-provider', [sa('cloud-provider')]),
    roleBinding('kube-system', 'system:controller:token-cleaner', [sa('token-cleaner')]),
    roleBinding('kube-public', 'system:controller:bootstrap-signer', [sa('bootstrap-signer')]),
  ];
}
