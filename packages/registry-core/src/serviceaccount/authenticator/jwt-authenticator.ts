import type { AuthenticationResponse, TokenAuthenticator } from '@kapi/apiserver-core';
import type { VerificationKey } from './public-keys';
import { serviceAccountUserInfo } from './service-account-info';
import { aggregateMessage, InvalidTokenError, type ServiceAccountTokenValidator, type TokenClaims } from './validator';

export interface JWTTokenAuthenticatorOptions {
  /** The `iss` values this authenticator answers for; tokens of any other issuer get "no opinion". */
  issuers: string[];
  /** The --service-account-key-file keys; a function, so a generated signing key is read only when a token comes. */
  keys: () => Promise<VerificationKey[]>;
  /** --api-audiences: what a token without `aud` is taken to be for, and what a request asks for by default. */
  implicitAudiences: string[];
  validator: ServiceAccountTokenValidator;
}

/** The algorithms go-jose's ParseSigned accepts for service account tokens (no HMAC, no "none"). */
const signatureAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** go-jose's messages for a signature that does not verify with a key, and for a key of another kind than the `alg`. */
const cryptoPrimitiveError = 'go-jose/go-jose: error in cryptographic primitive';
const unsupportedAlgorithmError = 'go-jose/go-jose: unknown/unsupported algorithm';

/** Go's %q of a []string: ["a" "b"]. */
function quoteList(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

/**
 * hasCorrectIssuer: reads `iss` from the unverified payload only to decide whether this token is
 * ours at all — a token of another issuer (OIDC, a webhook's) must reach the next authenticator.
 */
function unverifiedIssuer(token: string): string | undefined {
  if (token.trimStart().startsWith('{')) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    const iss = (payload as { iss?: unknown } | null)?.iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

function audiencesOf(claims: TokenClaims): string[] {
  if (typeof claims.aud === 'string') return claims.aud ? [claims.aud] : [];
  return Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * JWTTokenAuthenticator (pkg/serviceaccount/jwt.go): a token of one of our issuers must verify
 * with one of the --service-account-key-file keys, be meant for one of the request's audiences,
 * and pass the validator (legacy or bound); then it is the service account's user.
 */
export class JWTTokenAuthenticator implements TokenAuthenticator {
  private readonly issuers: Set<string>;

  constructor(private readonly opts: JWTTokenAuthenticatorOptions) {
    this.issuers = new Set(opts.issuers);
  }

  async authenticateToken(token: string, audiences?: string[]): Promise<AuthenticationResponse | null> {
    const iss = unverifiedIssuer(token);
    if (iss === undefined || !this.issuers.has(iss)) return null;
    const claims = await this.verify(token);
    if (!claims) return null;
    // The issuer was read before the signature was checked: check it again on the verified payload.
    if (typeof claims.iss !== 'string' || !this.issuers.has(claims.iss)) throw new InvalidTokenError(`token issuer ${JSON.stringify(claims.iss)} is invalid`);

    let tokenAudiences = audiencesOf(claims);
    // Tokens without an audience (Secret-based ones) are for the API server itself.
    if (tokenAudiences.length === 0) tokenAudiences = this.opts.implicitAudiences;
    const requested = audiences ?? this.opts.implicitAudiences;
    const granted = tokenAudiences.filter((a) => requested.includes(a));
    if (granted.length === 0 && this.opts.implicitAudiences.length !== 0) {
      throw new InvalidTokenError(`token audiences ${quoteList(tokenAudiences)} is invalid for the target audiences ${quoteList(requested)}`);
    }

    const sa = await this.opts.validator.validate(token, claims);
    return { user: serviceAccountUserInfo(sa), audiences: granted };
  }

  /**
   * The payload once a key verifies the signature; null for something that is not a JWS at all
   * (kube's parse failure is "no opinion"); an error when no key verifies it.
   */
  private async verify(token: string): Promise<TokenClaims | null> {
    const { compactVerify, decodeProtectedHeader } = await import('jose');
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      return null;
    }
    if (!alg || !signatureAlgorithms.includes(alg)) return null;
    const keys = await this.opts.keys();
    if (keys.length === 0) throw new InvalidTokenError('invalid signature, no keys found');
    const errors: string[] = [];
    for (const key of keys) {
      try {
        const { payload } = await compactVerify(token, key.publicKey, { algorithms: signatureAlgorithms });
        const claims = JSON.parse(new TextDecoder().decode(payload)) as unknown;
        if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return null;
        return claims as TokenClaims;
      } catch (err) {
        errors.push((err as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? cryptoPrimitiveError : unsupportedAlgorithmError);
      }
    }
    throw new InvalidTokenError(aggregateMessage(errors));
  }
}
