import type { AuthenticationResponse, TokenAuthenticator } from './authenticator';

/** authenticator.Audiences.Intersect: the audiences both lists name, in the order of the first. */
export function intersectAudiences(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((aud) => other.has(aud));
}

/**
 * The API server's own audiences: --api-audiences, else every service account issuer (kube-apiserver
 * completes its options the same way, so tokens minted for an issuer are tokens for the API).
 */
export function apiAudiencesOf(opts: { apiAudiences?: string[]; serviceAccountIssuer?: string; serviceAccountExtraIssuers?: string[] }): string[] {
  if (opts.apiAudiences?.length) return opts.apiAudiences;
  return [opts.serviceAccountIssuer ?? '', ...(opts.serviceAccountExtraIssuers ?? [])].filter(Boolean);
}

/** Go's %q of a []string, as kube's audience errors print them: ["a" "b"]. */
export function quoteAudiences(auds: readonly string[]): string {
  return `[${auds.map((a) => JSON.stringify(a)).join(' ')}]`;
}

/**
 * WrapAudienceAgnosticToken: a token authenticator that knows nothing of audiences (the token file,
 * OIDC) only answers for requests aimed at the API server itself — the implicit audiences are
 * --api-audiences — and reports the intersection as the audiences it authenticated for. Asked for
 * other audiences (a TokenReview from a webhook with its own audience) it has no opinion.
 */
export function wrapAudienceAgnosticToken(implicitAudiences: readonly string[], auth: TokenAuthenticator): TokenAuthenticator {
  return {
    async authenticateToken(token: string, audiences?: string[]): Promise<AuthenticationResponse | null> {
      // Without target audiences kube calls straight through (a server with no --api-audiences).
      if (!audiences) return auth.authenticateToken(token);
      const auds = intersectAudiences(implicitAudiences, audiences);
      if (auds.length === 0) return null;
      const resp = await auth.authenticateToken(token);
      if (!resp) return null;
      if (resp.audiences?.length) {
        throw new Error(`audience agnostic authenticator wrapped an authenticator that returned audiences: ${quoteAudiences(resp.audiences)}`);
      }
      return { ...resp, audiences: auds };
    },
  };
}
