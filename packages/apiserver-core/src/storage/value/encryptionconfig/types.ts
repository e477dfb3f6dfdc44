/**
 * EncryptionConfiguration of apiserver.config.k8s.io/v1 (also read under the deprecated
 * `apiVersion: v1, kind: EncryptionConfig`), the file --encryption-provider-config names.
 * https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/
 */
export interface EncryptionConfiguration {
  apiVersion?: string;
  kind?: string;
  resources?: ResourceConfiguration[];
}

export interface ResourceConfiguration {
  /** `secrets`, `deployments.apps`, `*.apps`, `*.` (core group), `*.*`, `widgets.example.com`. */
  resources?: string[];
  /** The first encrypts; all are tried, in order, to decrypt. */
  providers?: ProviderConfiguration[];
}

export interface ProviderConfiguration {
  aesgcm?: KeysConfiguration;
  aescbc?: KeysConfiguration;
  secretbox?: KeysConfiguration;
  identity?: Record<string, never>;
  kms?: KMSConfiguration;
}

export interface KeysConfiguration {
  keys?: Key[];
}

export interface Key {
  name?: string;
  /** base64 of the raw key (16, 24 or 32 bytes for AES, 32 for secretbox). */
  secret?: string;
}

export interface KMSConfiguration {
  apiVersion?: string;
  name?: string;
  endpoint?: string;
  cachesize?: number;
  timeout?: string;
}

/** The kinds kube's decoder accepts for this file. */
export const encryptionConfigKinds = [
  { apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration' },
  { apiVersion: 'v1', kind: 'EncryptionConfig' },
] as const;
