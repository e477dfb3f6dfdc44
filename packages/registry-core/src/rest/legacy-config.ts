import { defaultServiceAccountAuthenticationConfig, type ServiceAccountAuthenticationConfig } from '../serviceaccount/authenticator/config';

/**
 * The settings of the legacy group (kube-apiserver's controlplane Config fields it hands
 * LegacyRESTStorageProvider), read from the server options when a container provides them.
 */
export interface LegacyRESTStorageConfig extends ServiceAccountAuthenticationConfig {
  /** --event-ttl in seconds (default one hour). */
  eventTTLSeconds: number;
  /** --service-cluster-ip-range: one CIDR, or two comma-separated for dual-stack. */
  serviceClusterIPRange: string;
  /** --service-node-port-range, "30000-32767". */
  serviceNodePortRange: string;
  /** --service-account-issuer. */
  serviceAccountIssuer: string;
  /** --service-account-signing-key-file; empty: a key generated under the data dir. */
  serviceAccountSigningKeyFile: string;
  /** --service-account-max-token-expiration in seconds (0: no cap). */
  serviceAccountMaxTokenExpirationSeconds: number;
  /** Where a generated signing key is kept. */
  dataDir: string;
}

export const defaultLegacyRESTStorageConfig: LegacyRESTStorageConfig = {
  ...defaultServiceAccountAuthenticationConfig,
  eventTTLSeconds: 3600,
  serviceClusterIPRange: '10.0.0.0/24',
  serviceNodePortRange: '30000-32767',
  serviceAccountIssuer: 'https://kubernetes.default.svc.cluster.local',
  serviceAccountSigningKeyFile: '',
  serviceAccountMaxTokenExpirationSeconds: 0,
  dataDir: './kapi-data',
};

export function legacyConfigFrom(options: Partial<LegacyRESTStorageConfig> | undefined): LegacyRESTStorageConfig {
  const out = { ...defaultLegacyRESTStorageConfig };
  for (const k of Object.keys(out) as (keyof LegacyRESTStorageConfig)[]) {
    const v = options?.[k];
    if (v !== undefined && v !== '') (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
