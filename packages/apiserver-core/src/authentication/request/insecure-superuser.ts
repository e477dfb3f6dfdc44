import type { Socket } from 'node:net';
import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator } from '../authenticator';
import { AllAuthenticated, SystemPrivilegedGroup } from '../user';

/** The user kube-apiserver's removed insecure port gave every request (insecureSuperuser). */
export const unsecuredUser = { name: 'system:unsecured', groups: [SystemPrivilegedGroup, AllAuthenticated] };

/**
 * Requests that arrive on the insecure port (`--port`, loopback only) are the unsecured
 * superuser; everything else goes to the real authenticators.
 */
export function insecureSuperuser(isInsecure: (socket: Socket) => boolean, secure: RequestAuthenticator): RequestAuthenticator {
  return {
    async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
      if (isInsecure(req.socket)) return { user: { ...unsecuredUser, groups: [...unsecuredUser.groups] } };
      return secure.authenticateRequest(req);
    },
  };
}
