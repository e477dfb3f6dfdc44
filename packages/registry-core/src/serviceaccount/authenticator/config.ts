import { createPublicKey } from 'node:crypto';
import { loadSigningKey } from '../signing-key';
import { loadPublicKeys, verificationKey, type VerificationKey } from './public-keys';

/**
 * The flags of service account authentication and issuer discovery (kube-apiserver's
 * ServiceAccountAuthenticationOptions), beside the legacy group's issuer and signing key.
 */
export interface ServiceAccountAuthenticationConfig {
  /** --service-account-issuer after the first: still accepted, never issued (issuer migration). */
  serviceAccountExtraIssuers: string[];
  /** --service-account-key-file, repeatable; empty: the signing key's public key. */
  serviceAccountKeyFiles: string[];
  /** --api-audiences; empty: the issuers. */
  apiAudiences: string[];
  /** --service-account-jwks-uri: the jwks_uri of the discovery document. */
  serviceAccountJWKSURI: string;
  /** --service-account-lookup: Secret-based tokens are checked against etcd (default true). */
  serviceAccountLookup: boolean;
}

export const defaultServiceAccountAuthenticationConfig: ServiceAccountAuthenticationConfig = {
  serviceAccountExtraIssuers: [],
  serviceAccountKeyFiles: [],
  apiAudiences: [],
  serviceAccountJWKSURI: '',
  serviceAccountLookup: true,
};

type IssuerConfig = Pick<ServiceAccountAuthenticationConfig, 'serviceAccountExtraIssuers' | 'apiAudiences'> & { serviceAccountIssuer: string };

/** Every issuer, the signing one first. */
export function serviceAccountIssuers(config: IssuerConfig): string[] {
  return [config.serviceAccountIssuer, ...(config.serviceAccountExtraIssuers ?? [])].filter(Boolean);
}

type KeyConfig = Pick<ServiceAccountAuthenticationConfig, 'serviceAccountKeyFiles'> & { serviceAccountSigningKeyFile: string; dataDir: string };

/**
 * The keys tokens verify with: --service-account-key-file, or the signing key's public half (kube
 * defaults the key files to --service-account-signing-key-file; kapi's signing key may also be
 * the one generated under the data dir). Loaded once, on first use.
 */
export function verificationKeys(config: KeyConfig): () => Promise<VerificationKey[]> {
  let keys: Promise<VerificationKey[]> | undefined;
  return () => {
    keys ??= config.serviceAccountKeyFiles?.length
      ? loadPublicKeys(config.serviceAccountKeyFiles)
      : loadSigningKey(config.serviceAccountSigningKeyFile, config.dataDir).then((k) => [verificationKey(createPublicKey(k.privateKey))]);
    keys.catch(() => (keys = undefined));
    return keys;
  };
}
