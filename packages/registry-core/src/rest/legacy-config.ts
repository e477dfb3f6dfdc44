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
  /** --advertise-address: the IP the `kubernetes` Endpoints name for this server (default: the bound address). */
  advertiseAddress?: string;
  /** --endpoint-reconciler-type: lease (every live instance, kube's default) or none. */
  endpointReconcilerType: string;
  /** How often the `kubernetes` Endpoints are reconciled (kube's 10 s); the master lease lives 1.5 times as long. */
  endpointReconcilerIntervalMs: number;
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
  advertiseAddress: undefined,
  endpointReconcilerType: 'lease',
  endpointReconcilerIntervalMs: 10_000,
};

export function legacyConfigFrom(options: Partial<LegacyRESTStorageConfig> | undefined): LegacyRESTStorageConfig {
  const out = { ...defaultLegacyRESTStorageConfig };
  for (const k of Object.keys(out) as (keyof LegacyRESTStorageConfig)[]) {
    const v = options?.[k];
    if (v !== undefined && v !== '') (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
