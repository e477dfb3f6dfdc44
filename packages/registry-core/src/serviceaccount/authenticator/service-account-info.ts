import type { UserInfo } from '@kapi/apiserver-core';

/** serviceaccount.ServiceAccountInfo: who a validated token speaks for, and what it is bound to. */
export interface ServiceAccountInfo {
  namespace: string;
  name: string;
  uid: string;
  podName?: string;
  podUID?: string;
  nodeName?: string;
  nodeUID?: string;
  /** The token's `jti`; kube reports it as `JTI=<jti>`. */
  jti?: string;
}

export const serviceAccountUsernamePrefix = 'system:serviceaccount:';
export const allServiceAccountsGroup = 'system:serviceaccounts';

/** Extra keys of k8s.io/apiserver/pkg/authentication/serviceaccount, as kube 1.32 sets them. */
export const podNameKey = 'authentication.kubernetes.io/pod-name';
export const podUIDKey = 'authentication.kubernetes.io/pod-uid';
export const nodeNameKey = 'authentication.kubernetes.io/node-name';
export const nodeUIDKey = 'authentication.kubernetes.io/node-uid';
export const credentialIDKey = 'authentication.kubernetes.io/credential-id';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${serviceAccountUsernamePrefix}${namespace}:${name}`;
}

/** SplitUsername: "system:serviceaccount:<ns>:<name>" → [ns, name], or undefined for any other user. */
export function splitServiceAccountUsername(username: string): [string, string] | undefined {
  if (!username.startsWith(serviceAccountUsernamePrefix)) return undefined;
  const parts = username.slice(serviceAccountUsernamePrefix.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

/**
 * ServiceAccountInfo.UserInfo: the pod pair only when both are known, the node uid only with a
 * node name, the credential id only for a token with a jti — so RBAC, audit and the Node
 * authorizer see exactly what kube-apiserver hands them.
 */
export function serviceAccountUserInfo(sa: ServiceAccountInfo): UserInfo {
  const extra: Record<string, string[]> = {};
  if (sa.podName && sa.podUID) {
    extra[podNameKey] = [sa.podName];
    extra[podUIDKey] = [sa.podUID];
  }
  if (sa.jti) extra[credentialIDKey] = [`JTI=${sa.jti}`];
  if (sa.nodeName) {
    extra[nodeNameKey] = [sa.nodeName];
    if (sa.nodeUID) extra[nodeUIDKey] = [sa.nodeUID];
  }
  return {
    name: serviceAccountUsername(sa.namespace, sa.name),
    uid: sa.uid,
    groups: [allServiceAccountsGroup, `${allServiceAccountsGroup}:${sa.namespace}`],
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}
