/**
 * user.Info of k8s.io/apiserver: who a request comes from, as the authenticators found it. Groups
 * and extra drive authorization (RBAC subjects, system:masters) and are passed on by impersonation
 * and to webhooks as they are.
 */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  /** Extra attributes (scopes, the bound pod of a ServiceAccount token …), keys lower-cased as kube's. */
  extra?: Record<string, string[]>;
}

/** Well-known users and groups (k8s.io/apiserver/pkg/authentication/user). */
export const SystemPrivilegedGroup = 'system:masters';
export const NodesGroup = 'system:nodes';
export const MonitoringGroup = 'system:monitoring';
export const AllUnauthenticated = 'system:unauthenticated';
export const AllAuthenticated = 'system:authenticated';
export const Anonymous = 'system:anonymous';
export const APIServerUser = 'system:apiserver';
export const KubeProxy = 'system:kube-proxy';
export const KubeControllerManager = 'system:kube-controller-manager';
export const KubeScheduler = 'system:kube-scheduler';

/** The loopback identity kapi's own controllers and post-start hooks act as. */
export const loopbackUser: UserInfo = { name: APIServerUser, groups: [SystemPrivilegedGroup, AllAuthenticated] };
