import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator, TokenAuthenticator } from '../authenticator';
import { intersectAudiences } from '../audiences';

/** What a bearer authenticator says when the token authenticators had no opinion on a token. */
export const invalidBearerToken = 'invalid bearer token';

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined when the header is absent,
 * of another scheme, or empty — kube treats all of those as "no opinion", so that anonymous
 * requests and other schemes (Basic, for a proxy) still reach the next authenticator.
 */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const parts = (header ?? '').trim().split(' ');
  if (parts.length < 2 || parts[0].toLowerCase() !== 'bearer') return undefined;
  return parts[1] || undefined;
}

/**
 * The audiences the request is aimed at are the API server's own (--api-audiences). An
 * audience-aware authenticator may answer with audiences; at least one must be the server's, or
 * the token was meant for someone else (kube's authentication filter checks the same).
 */
export async function authenticateTokenForAPI(auth: TokenAuthenticator, token: string, apiAudiences: readonly string[]): Promise<AuthenticationResponse | null> {
  const resp = await auth.authenticateToken(token, apiAudiences.length ? [...apiAudiences] : undefined);
  if (resp && apiAudiences.length && resp.audiences?.length && !intersectAudiences([...apiAudiences], resp.audiences).length) {
    throw new Error(`Unable to match the audience: ${resp.audiences.join(' ')} , accepted: ${apiAudiences.join(' ')}`);
  }
  return resp;
}

/**
 * request/bearertoken: a RequestAuthenticator over the server's token authenticators. A bearer token
 * nobody accepts is an error, not "no opinion": a client that sent a credential must get a 401, not
 * fall through to anonymous. The header is removed once it was accepted.
 */
export class BearerTokenAuthenticator implements RequestAuthenticator {
  constructor(
    private readonly auth: TokenAuthenticator,
    private readonly apiAudiences: readonly string[] = [],
  ) {}

  async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
    const token = bearerTokenOf(req.headers.authorization);
    if (token === undefined) return null;
    const resp = await authenticateTokenForAPI(this.auth, token, this.apiAudiences);
    if (!resp) throw new Error(invalidBearerToken);
    delete req.headers.authorization;
    return resp;
  }
}
