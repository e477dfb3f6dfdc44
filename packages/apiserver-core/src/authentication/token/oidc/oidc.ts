import type { AuthenticationResponse, TokenAuthenticator } from '../../authenticator';
import { goQuote, goTime } from './go-format';
import type { OIDCOptions } from './options';
import { OIDCProvider, type JSONWebKeySet } from './provider';

type Claims = Record<string, unknown>;

/** The payload of a compact JWS, unverified; undefined when the token is not a JWT at all. */
function unverifiedClaims(token: string): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

function headerAlg(token: string): string | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')).alg;
  } catch {
    return undefined;
  }
}

/**
 * The OIDC token authenticator (apiserver/plugin/pkg/authenticator/token/oidc): ID tokens of one
 * issuer, checked as go-oidc checks them — issuer, audience (the client ID), expiry and not-before
 * (five minutes of leeway), then the signature against the issuer's published keys — and mapped
 * to a user through the username and groups claims and their prefixes.
 */
export class OIDCAuthenticator implements TokenAuthenticator {
  readonly provider: OIDCProvider;

  constructor(
    private readonly opts: OIDCOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.provider = new OIDCProvider(opts.issuerURL, opts.ca);
    // Discovery starts with the server, as kube's does; a failure is retried by the next token.
    this.provider.keySet().catch(() => undefined);
  }

  async authenticateToken(token: string): Promise<AuthenticationResponse | null> {
    const claims = unverifiedClaims(token);
    // Tokens of other issuers (service accounts, other IdPs) are not ours to judge: no opinion.
    if (!claims || claims.iss !== this.opts.issuerURL) return null;
    const keys = await this.initializedKeys();
    try {
      this.checkStandardClaims(claims);
      await this.verifySignature(token, keys);
    } catch (err) {
      throw new Error(`oidc: verify token: ${(err as Error).message}`);
    }
    return { user: this.userOf(claims) };
  }

  private checkStandardClaims(claims: Claims): void {
    const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud.map(String) : [];
    if (!aud.includes(this.opts.clientID)) throw new Error(`oidc: expected audience ${goQuote(this.opts.clientID)} got ${goQuote(aud)}`);
    const now = this.now();
    const exp = new Date(typeof claims.exp === 'number' ? claims.exp * 1000 : 0);
    if (exp < now) throw new Error(`oidc: token is expired (Token Expiry: ${goTime(exp)})`);
    if (typeof claims.nbf === 'number') {
      const nbf = new Date(claims.nbf * 1000);
      if (now.getTime() + 5 * 60_000 < nbf.getTime()) {
        throw new Error(`oidc: current time ${goTime(now)} before the nbf (not before) time: ${goTime(nbf)}`);
      }
    }
  }

  /** The issuer's keys; kube answers every token with "not initialized" until discovery and the first fetch succeeded. */
  private async initializedKeys(): Promise<JSONWebKeySet> {
    try {
      return await this.provider.keySet();
    } catch (err) {
      throw Object.assign(new Error('oidc: authenticator not initialized'), { cause: err });
    }
  }

  private async verifySignature(token: string, keys: JSONWebKeySet): Promise<void> {
    const alg = headerAlg(token);
    if (!alg || !this.opts.signingAlgs.includes(alg)) {
      throw new Error(`oidc: id token signed with unsupported algorithm, expected ${goQuote(this.opts.signingAlgs)} got ${goQuote(alg ?? '')}`);
    }
    const { compactVerify, createLocalJWKSet } = await import('jose');
    const attempt = async (set: JSONWebKeySet) => {
      await compactVerify(token, createLocalJWKSet(set as never), { algorithms: this.opts.signingAlgs });
    };
    try {
      await attempt(keys);
    } catch (first) {
      // The issuer may have rotated its keys since we fetched them: fetch once more, then give up.
      const code = (first as { code?: string }).code;
      if (code !== 'ERR_JWKS_NO_MATCHING_KEY' && code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') throw first;
      let fresh;
      try {
        fresh = await this.provider.refresh();
      } catch (err) {
        throw new Error(`failed to verify signature: fetching keys ${(err as Error).message}`);
      }
      try {
        await attempt(fresh);
      } catch {
        throw new Error('failed to verify signature: failed to verify id token signature');
      }
    }
  }

  private userOf(claims: Claims): AuthenticationResponse['user'] {
    const { usernameClaim, usernamePrefix, groupsClaim, groupsPrefix } = this.opts;
    if (usernameClaim === 'email' && 'email_verified' in claims) {
      // An unverified address is anyone's to claim: kube refuses it as a username.
      if (typeof claims.email_verified !== 'boolean') throw new Error("oidc: parse 'email_verified' claim: claim is not a boolean");
      if (!claims.email_verified) throw new Error('oidc: email not verified');
    }
    const username = claims[usernameClaim];
    if (username === undefined) throw new Error(`oidc: parse username claims ${goQuote(usernameClaim)}: claim not present`);
    if (typeof username !== 'string') throw new Error(`oidc: parse username claims ${goQuote(usernameClaim)}: claim is not a string`);
    const groups: string[] = [];
    if (groupsClaim && claims[groupsClaim] !== undefined) {
      const value = claims[groupsClaim];
      // kube accepts a single string as a one-group list.
      const list = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((g) => typeof g === 'string') ? (value as string[]) : undefined;
      if (!list) throw new Error(`oidc: parse groups claim ${goQuote(groupsClaim)}: claim is not a string or an array of strings`);
      groups.push(...list.map((g) => groupsPrefix + g));
    }
    for (const [claim, expected] of Object.entries(this.opts.requiredClaims)) {
      if (!(claim in claims)) throw new Error(`oidc: required claim ${claim} not present in ID token`);
      if (typeof claims[claim] !== 'string') throw new Error(`oidc: parse claim ${claim}: claim is not a string`);
      if (claims[claim] !== expected) throw new Error(`oidc: required claim ${claim}'s value did not match expected value`);
    }
    return { name: usernamePrefix + username, groups };
  }
}
