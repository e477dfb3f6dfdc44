import type { AuthenticationResponse, TokenAuthenticator } from '../authenticator';

/**
 * An aggregate of errors, printed as utilerrors.NewAggregate prints them: the message alone for one
 * error, "[a, b]" for several.
 */
export class Aggregate extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.length === 1 ? errors[0].message : `[${errors.map((e) => e.message).join(', ')}]`);
    this.name = 'Aggregate';
  }
}

export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * token/union.New: asks each token authenticator in turn; the first that accepts the token wins.
 * A failing authenticator does not stop the others (a service-account JWT is an "invalid" OIDC token
 * and the other way round): its error is kept and reported only if no authenticator accepts.
 */
export function newTokenUnion(...authenticators: TokenAuthenticator[]): TokenAuthenticator {
  if (authenticators.length === 1) return authenticators[0];
  return {
    async authenticateToken(token: string, audiences?: string[]): Promise<AuthenticationResponse | null> {
      const errors: Error[] = [];
      for (const auth of authenticators) {
        try {
          const resp = await auth.authenticateToken(token, audiences);
          if (resp) return resp;
        } catch (err) {
          errors.push(toError(err));
        }
      }
      if (errors.length) throw new Aggregate(errors);
      return null;
    },
  };
}
