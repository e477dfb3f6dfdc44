import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator } from '../authenticator';
import { AllAuthenticated } from '../user';

/**
 * group.NewAuthenticatedGroupAdder: every user an authenticator recognised is in
 * system:authenticated (RBAC's system:basic-user and discovery bindings rely on it). Wraps the
 * credential authenticators only — the anonymous user stays out of the group.
 */
export function authenticatedGroupAdder(inner: RequestAuthenticator): RequestAuthenticator {
  return {
    async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
      const response = await inner.authenticateRequest(req);
      if (!response || response.user.groups.includes(AllAuthenticated)) return response;
      return { ...response, user: { ...response.user, groups: [...response.user.groups, AllAuthenticated] } };
    },
  };
}
