import type { AuthenticationResponse, RequestAuthenticator } from '../authenticator';
import { AllUnauthenticated, Anonymous } from '../user';

/**
 * anonymous.NewAuthenticator: everyone who got this far is system:anonymous in
 * system:unauthenticated (--anonymous-auth, on by default). Always last in the chain.
 */
export const anonymousAuthenticator: RequestAuthenticator = {
  authenticateRequest: async (): Promise<AuthenticationResponse> => ({ user: { name: Anonymous, groups: [AllUnauthenticated] } }),
};
