import { isStatusError } from '@kapi/apiserver-core';
import type { ServiceAccountInfo } from './service-account-info';

/** The registered claims of a verified token (RFC 7519), as far as service account tokens use them. */
export interface PublicClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
}

/** A verified token's whole payload: public claims plus the issuer's private ones. */
export type TokenClaims = PublicClaims & Record<string, unknown>;

/**
 * serviceaccount.Validator: turns a token whose signature and issuer were checked into the
 * ServiceAccountInfo it speaks for, or rejects it (expired, its objects gone …).
 */
export interface ServiceAccountTokenValidator {
  validate(token: string, claims: TokenClaims): Promise<ServiceAccountInfo>;
}

/** An invalid credential: the union answers 401 and TokenReview reports the message. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/**
 * A getter's failure as kube passes it on: the store's own message ("serviceaccounts \"x\" not
 * found"), but as a plain credential error so that no caller mistakes it for the request's 404.
 */
export function lookupError(err: unknown): InvalidTokenError {
  return new InvalidTokenError(isStatusError(err) || err instanceof Error ? err.message : String(err));
}

/** utilerrors.NewAggregate(...).Error(): messages deduplicated; one as itself, several bracketed. */
export function aggregateMessage(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
