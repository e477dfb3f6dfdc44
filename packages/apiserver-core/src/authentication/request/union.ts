import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator } from '../authenticator';

/** utilerrors.NewAggregate: one message for several errors, as kube joins them. */
export class AuthenticationErrors extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.length === 1 ? errors[0]!.message : `[${errors.map((e) => e.message).join(', ')}]`);
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * union.New: the first authenticator that recognises the request wins; errors of the others are
 * collected and reported only when none succeeds, so a bad client certificate does not hide a
 * good bearer token.
 */
export function unionAuthenticator(...authenticators: RequestAuthenticator[]): RequestAuthenticator {
  return {
    async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
      const errors: Error[] = [];
      for (const a of authenticators) {
        try {
          const response = await a.authenticateRequest(req);
          if (response) return response;
        } catch (err) {
          errors.push(asError(err));
        }
      }
      if (errors.length > 0) throw new AuthenticationErrors(errors);
      return null;
    },
  };
}

/**
 * union.NewFailOnError: stops at the first error. kube puts the anonymous authenticator behind it,
 * so invalid credentials are a 401 rather than a quiet downgrade to system:anonymous.
 */
export function failOnErrorUnion(...authenticators: RequestAuthenticator[]): RequestAuthenticator {
  return {
    async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
      for (const a of authenticators) {
        const response = await a.authenticateRequest(req);
        if (response) return response;
      }
      return null;
    },
  };
}
