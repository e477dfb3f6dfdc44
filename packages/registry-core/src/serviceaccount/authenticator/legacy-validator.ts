import { timingSafeEqual } from 'node:crypto';
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

/** Set by the legacy token cleaner on a token it invalidated (LegacyServiceAccountTokenCleanUp, GA in 1.30). */
export const legacyTokenInvalidSinceLabel = 'kubernetes.io/legacy-token-invalid-since';
/** The day (UTC, yyyy-mm-dd) a Secret's token last authenticated (LegacyServiceAccountTokenTracking, GA in 1.28). */
export const legacyTokenLastUsedLabel = 'kubernetes.io/legacy-token-last-used';

/** A comparison whose time does not tell how much of a guessed token was right. */
function timingSafeEqualStrings(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

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
      const secret = await this.checkSecret(token, namespace, secretName);
      await this.checkServiceAccount(namespace, name, uid);
      // LegacyServiceAccountTokenTracking: the Secret records the day its token was last used,
      // and the cleaner's invalid-since label switches the token off (removing it switches it back on).
      await this.recordUse(secret);
      if (secret.metadata?.labels?.[legacyTokenInvalidSinceLabel]) {
        throw new InvalidTokenError(
          `the token in secret ${namespace}/${secretName} for service account ${namespace}/${name} has been marked invalid. ` +
            'Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the ' +
            `'${legacyTokenInvalidSinceLabel}' label from the secret to temporarily allow use of this token`,
        );
      }
    }
    return { namespace, name, uid };
  }

  private async checkSecret(token: string, namespace: string, secretName: string): Promise<KObject> {
    let secret: KObject;
    try {
      secret = await this.getter.getSecret(namespace, secretName);
    } catch {
      throw new InvalidTokenError('Token has been invalidated');
    }
    if (secret.metadata?.deletionTimestamp) throw new InvalidTokenError('Token has been invalidated');
    const stored = (secret.data as Record<string, string> | undefined)?.token;
    if (stored === undefined || !timingSafeEqualStrings(Buffer.from(stored, 'base64').toString('utf8'), token)) {
      throw new InvalidTokenError("Token does not match server's copy");
    }
    return secret;
  }

  /** At most one write a day per Secret (today's or tomorrow's date, for clocks a little ahead, counts as fresh). */
  private async recordUse(secret: KObject): Promise<void> {
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
    const lastUsed = secret.metadata?.labels?.[legacyTokenLastUsedLabel];
    if (lastUsed === today || lastUsed === tomorrow || !this.getter.labelSecret) return;
    const meta = secret.metadata ?? {};
    // Failing to record is logged by kube and never fails the request.
    await this.getter.labelSecret(meta.namespace ?? '', meta.name ?? '', meta.uid ?? '', { [legacyTokenLastUsedLabel]: today }).catch(() => undefined);
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
