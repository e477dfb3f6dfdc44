import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator, TokenAuthenticator } from '../authenticator';

/**
 * bearertoken.New: the token of `Authorization: Bearer <token>` goes to the token authenticator.
 * No header, another scheme or an empty token: no opinion. A token nobody recognises is an error
 * ("invalid bearer token"), so the request is refused instead of falling back to anonymous.
 */
export function bearerTokenAuthenticator(tokens: TokenAuthenticator): RequestAuthenticator {
  return {
    async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
      const header = req.headers.authorization?.trim();
      if (!header) return null;
      const [scheme, token, ...rest] = header.split(/\s+/);
      if (scheme?.toLowerCase() !== 'bearer' || rest.length > 0 || !token) return null;
      const response = await tokens.authenticateToken(token);
      if (!response) throw new Error('invalid bearer token');
      return response;
    },
  };
}

/** union of token authenticators (token file, service-account JWTs, OIDC …): the first that recognises the token wins. */
export function unionTokenAuthenticator(...authenticators: TokenAuthenticator[]): TokenAuthenticator {
  return {
    async authenticateToken(token: string, audiences?: string[]): Promise<AuthenticationResponse | null> {
      const errors: string[] = [];
      for (const a of authenticators) {
        try {
          const response = await a.authenticateToken(token, audiences);
          if (response) return response;
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
      if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
      return null;
    },
  };
}
