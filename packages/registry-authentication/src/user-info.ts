import { AllAuthenticated, AllUnauthenticated, type UserInfo } from '@kapi/apiserver-core';

/** authentication.k8s.io/v1 UserInfo as kube writes it: empty fields left out. */
export interface APIUserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export function toAPIUserInfo(user: UserInfo): APIUserInfo {
  return {
    ...(user.name ? { username: user.name } : {}),
    ...(user.uid ? { uid: user.uid } : {}),
    ...(user.groups.length ? { groups: [...user.groups] } : {}),
    ...(user.extra && Object.keys(user.extra).length ? { extra: user.extra } : {}),
  };
}

/**
 * AuthenticatedGroupAdder: every authenticated user is in system:authenticated. The request path
 * gets it from the authenticator chain; TokenReview asks the token authenticators directly, so it
 * adds the group itself to answer what a request with that token would be.
 */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.groups.includes(AllAuthenticated) || user.groups.includes(AllUnauthenticated)) return user;
  return { ...user, groups: [...user.groups, AllAuthenticated] };
}
