import type { AuthenticationResponse, Clock, TokenAuthenticator } from '@kapi/apiserver-core';
import { BoundServiceAccountTokenValidator } from './bound-validator';
import { JWTTokenAuthenticator } from './jwt-authenticator';
import { LegacyServiceAccountTokenValidator, legacyIssuer } from './legacy-validator';
import type { VerificationKey } from './public-keys';
import type { ServiceAccountTokenGetter } from './token-getter';
import { aggregateMessage, InvalidTokenError } from './validator';

export interface ServiceAccountAuthenticatorOptions {
  /** --service-account-issuer, all of them: the first signs, every one is accepted (issuer migration). */
  issuers: string[];
  /** --service-account-key-file keys (default: the signing key's public key), read at the first token. */
  keys: () => Promise<VerificationKey[]>;
  /** --api-audiences (default: the issuers). */
  apiAudiences: string[];
  /** --service-account-lookup (default true): Secret-based tokens are checked against their Secret and ServiceAccount. */
  lookup?: boolean;
  getter: ServiceAccountTokenGetter;
  /** The time bound tokens' exp/nbf are checked against (default the wall clock; the testing kit moves it). */
  clock?: Clock;
}

/**
 * The two service account authenticators kube-apiserver builds from its flags — Secret-based tokens
 * (issuer "kubernetes/serviceaccount") and bound tokens (the --service-account-issuer values) —
 * behind one TokenAuthenticator, tried in kube's order.
 */
export function newServiceAccountTokenAuthenticator(opts: ServiceAccountAuthenticatorOptions): TokenAuthenticator {
  const authenticators = [
    new JWTTokenAuthenticator({
      issuers: [legacyIssuer],
      keys: opts.keys,
      implicitAudiences: opts.apiAudiences,
      validator: new LegacyServiceAccountTokenValidator(opts.getter, opts.lookup ?? true),
    }),
    new JWTTokenAuthenticator({
      issuers: opts.issuers,
      keys: opts.keys,
      implicitAudiences: opts.apiAudiences,
      validator: new BoundServiceAccountTokenValidator(opts.getter, opts.clock ? () => opts.clock!.now() / 1000 : undefined),
    }),
  ];
  return {
    // union.New: the first authenticator that accepts wins; failures count only when none does.
    async authenticateToken(token: string, audiences?: string[]): Promise<AuthenticationResponse | null> {
      const errors: Error[] = [];
      for (const a of authenticators) {
        try {
          const response = await a.authenticateToken(token, audiences);
          if (response) return response;
        } catch (err) {
          errors.push(err as Error);
        }
      }
      if (errors.length === 0) return null;
      throw errors.length === 1 ? errors[0] : new InvalidTokenError(aggregateMessage(errors.map((e) => e.message)));
    },
  };
}
