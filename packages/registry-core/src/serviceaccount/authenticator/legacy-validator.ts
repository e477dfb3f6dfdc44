import type { KObject } from '@kapi/apiserver-core';
import { splitServiceAccountUsername, type ServiceAccountInfo } from './service-account-info';
import type { ServiceAccountTokenGetter } from './token-getter';
import { InvalidTokenError, lookupError, type ServiceAccountTokenValidator, type TokenClaims } from './validator';

/** The `iss` of Secret-based tokens, written by the tokens controller (pkg/serviceaccount/legacy.go). */
export const legacyIssuer = 'kubernetes/serviceaccount';

export const legacyNamespaceClaim = 'kubernetes.io/serviceaccount/namespace';
export const legacySecretNameClaim = 'kubernetes.io/serviceaccount/secret.name';
export const legacyServiceAccountNameClaim = 'kubernetes.io/serviceaccount/service-account.name';
export const legacyServiceAccountUIDClaim = 'kubernetes.io/serviceaccount/service-account.uid';

export const serviceAccountTokenSecretType = 'kubernetes.io/service-account-token';
/** Set by the legacy token cleaner on a token it invalidated (LegacyServiceAccountTokenCleanUp, GA in 1.30). */
export const legacyTokenInvalidSinceLabel = 'kubernetes.io/legacy-token-invalid-since';

function claim(claims: TokenClaims, name: string): string {
  const v = claims[name];
  return typeof v === 'string' ? v : '';
}

/**
 * The legacy validator: a Secret-based token is good only while its Secret still holds exactly
 * this token and its ServiceAccount is the same object (name and uid) — deleting either revokes
 * it, which is the only revocation these never-expiring tokens have. `lookup: false` is
 * --service-account-lookup=false: signature and claims alone.
 */
export class LegacyServiceAccountTokenValidator implements ServiceAccountTokenValidator {
  constructor(
    private readonly getter: ServiceAccountTokenGetter,
    private readonly lookup = true,
  ) {}

  async validate(token: string, claims: TokenClaims): Promise<ServiceAccountInfo> {
    if (!claims.sub) throw new InvalidTokenError('sub claim is missing');
    const namespace = claim(claims, legacyNamespaceClaim);
    if (!namespace) throw new InvalidTokenError('namespace claim is missing');
    const secretName = claim(claims, legacySecretNameClaim);
    if (!secretName) throw new InvalidTokenError('secretName claim is missing');
    const name = claim(claims, legacyServiceAccountNameClaim);
    if (!name) throw new InvalidTokenError('serviceAccountName claim is missing');
    const uid = claim(claims, legacyServiceAccountUIDClaim);
    if (!uid) throw new InvalidTokenError('serviceAccountUID claim is missing');
    const subject = splitServiceAccountUsername(claims.sub);
    if (!subject || subject[0] !== namespace || subject[1] !== name) throw new InvalidTokenError('sub claim is invalid');

    if (this.lookup) {
      await this.checkSecret(token, namespace, secretName);
      await this.checkServiceAccount(namespace, name, uid);
    }
    return { namespace, name, uid };
  }

  private async checkSecret(token: string, namespace: string, secretName: string): Promise<void> {
    let secret: KObject;
    try {
      secret = await this.getter.getSecret(namespace, secretName);
    } catch {
      throw new InvalidTokenError('Token has been invalidated');
    }
    // Only the tokens controller writes tokens into a Secret, and only into this type; a copy in
    // any other Secret is not a credential the cluster handed out.
    if (secret.metadata?.deletionTimestamp || secret.type !== serviceAccountTokenSecretType || secret.metadata?.labels?.[legacyTokenInvalidSinceLabel]) {
      throw new InvalidTokenError('Token has been invalidated');
    }
    const stored = (secret.data as Record<string, string> | undefined)?.token;
    if (stored === undefined || Buffer.from(stored, 'base64').toString('utf8') !== token) {
      throw new InvalidTokenError("Token does not match server's copy");
    }
  }

  private async checkServiceAccount(namespace: string, name: string, uid: string): Promise<void> {
    let sa: KObject;
    try {
      sa = await this.getter.getServiceAccount(namespace, name);
    } catch (err) {
      throw lookupError(err);
    }
    if (sa.metadata?.deletionTimestamp) throw new InvalidTokenError(`ServiceAccount ${namespace}/${name} has been deleted`);
    if (sa.metadata?.uid !== uid) throw new InvalidTokenError(`ServiceAccount UID (${sa.metadata?.uid ?? ''}) does not match claim (${uid})`);
  }
}
