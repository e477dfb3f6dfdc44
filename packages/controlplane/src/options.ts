import type { AggregatorOptions } from '@kapi/kube-aggregator';
import type { OIDCFlags, RequestHeaderFlags } from '@kapi/apiserver-core';
import { defaultAdmissionOptions, defaultAuditOptions, type AdmissionOptions, type AuditOptions } from '@kapi/apiserver-core';
import type { CertKeyPair, Clock, GenericAPIServerOptions, StorageBackendConstructor } from '@kapi/apiserver-core';
import { defaultLegacyRESTStorageConfig, type LegacyRESTStorageConfig } from '@kapi/registry-core';
import { defaultAuthorizationOptions, type BuiltInAuthorizationOptions } from './authorizer/options';
import type { TokenWebhookFlags } from './authentication/token-authenticator';
import type { DelegatingOptions } from './delegation/delegating-options';
import type { ControllerTimings } from './controllers/controller-context';
import type { LeaderElectionConfig } from './controllers/leaderelection/leader-elector';

/**
 * ServerRunOptions: the flags of `kapi server`, parsed (cmd/kube-apiserver/app/options). The legacy
 * group's settings (event TTL, service ranges, service account tokens, data dir) are declared once,
 * in registry-core's LegacyRESTStorageConfig, as kube-apiserver hands them to its core provider.
 */
export interface ServerRunOptions extends LegacyRESTStorageConfig, SecureServingFlags {
  /** --bind-address of the secure port. */
  bindAddress: string;
  /** --port: the insecure port, plain HTTP on 127.0.0.1 only, every request a superuser (0 = off, the default). */
  port: number;
  /** memory | embedded | etcd3 (etcd2 is refused). */
  storageBackend: string;
  etcdServers: string[];
  etcdPrefix: string;
  etcdCaFile?: string;
  etcdCertFile?: string;
  etcdKeyFile?: string;
  etcdCompactionIntervalMs: number;
  /** --quota-backend-bytes of the embedded store (etcd's flag): 0 = 2 GiB, negative = none. */
  quotaBackendBytes?: number;
  /** --encryption-provider-config: an EncryptionConfiguration file; resources it names are encrypted at rest. */
  encryptionProviderConfig?: string;
  /** --encryption-provider-config-automatic-reload: watch that file and swap providers without a restart. */
  encryptionProviderConfigAutomaticReload: boolean;
  /** --runtime-config entries: "apps/v1=false", "apps/v1/daemonsets=false", "api/all=true". */
  runtimeConfig: Record<string, string>;
  /** --plugin: module names or paths exporting a ContainerModule. */
  plugins: string[];
  watchCache: boolean;
  watchCacheSizes: Record<string, number>;
  maxRequestBodyBytes: number;
  /** --max-requests-inflight / --max-mutating-requests-inflight (0 = unlimited). */
  maxRequestsInFlight: number;
  maxMutatingRequestsInFlight: number;
  /** --request-timeout for non-watch requests, in milliseconds. */
  requestTimeoutMs: number;
  /** --shutdown-delay-duration in milliseconds: /readyz fails, requests are still served (default 0). */
  shutdownDelayMs: number;
  /** --shutdown-send-retry-after: keep listening until drained, answering new requests 429 + Retry-After. */
  shutdownSendRetryAfter: boolean;
  /** --shutdown-watch-termination-grace-period in milliseconds: how long open watches may take to end (default 0). */
  shutdownWatchTerminationGracePeriodMs: number;
  /** --min-request-timeout for watches, in seconds (a watch lasts a random 1–2 times it). */
  minRequestTimeoutSeconds: number;
  /**
   * --enable-garbage-collector: orphan/foreground deletion as finalizers (needs a garbage collector).
   * Unset: on exactly when --controllers runs the in-process garbage-collector-controller.
   */
  enableGarbageCollector?: boolean;
  /** --log-level of the request log (pino levels, "silent" for none). */
  logLevel?: string;
  /** --controllers: in-process controllers ("*", "namespace", "-serviceaccount"). */
  controllers: string[];
  /** --leader-elect*: the Lease the kube-controller-manager controllers of --controllers run under. */
  leaderElection?: Partial<LeaderElectionConfig>;
  /** --identity-lease-* and the controllers' periods (tests shorten them). */
  controllerTimings?: Partial<ControllerTimings>;
  // Authentication by tokens, OIDC and front proxy (built by ./authenticator).
  /** --token-auth-file: static bearer tokens (CSV). */
  tokenAuthFile?: string;
  /** --authentication-token-webhook-*: bearer tokens reviewed by a remote TokenReview endpoint (delegated authentication). */
  tokenWebhook?: TokenWebhookFlags;
  /** --oidc-*: one OIDC issuer. */
  oidc?: OIDCFlags;
  /** --requestheader-*: the front proxy's client CA, allowed CNs and identity headers. */
  requestHeader?: Partial<RequestHeaderFlags>;
  /** --authentication-kubeconfig / --authorization-kubeconfig: an extension server deferring to a core server. */
  delegation?: DelegatingOptions;
  /** --proxy-client-*, and where the aggregator reaches APIServices' Services (kube-aggregator). */
  aggregator?: AggregatorOptions;
  /** --audit-policy-file, --audit-log-*, --audit-webhook-*. */
  audit: AuditOptions;
  /** --authorization-mode and the webhook flags. */
  authorization: BuiltInAuthorizationOptions;
  /** --enable-admission-plugins, --disable-admission-plugins, --admission-control-config-file. */
  admission: AdmissionOptions;
  /** Not flags: what an embedding program injects (the @kapi/testing kit); `kapi server` never sets them. */
  embedding?: EmbeddingOptions;
}

/** The seams the @kapi/testing kit uses; each defaults to what `kapi server` does. */
export interface EmbeddingOptions {
  /** The time TTLs, leader election, graceful deletion, token expiry and the namespace controller read (default the wall clock). */
  clock?: Clock;
  /** Builds the storage backend instead of --storage-backend's (the kit's memory store with snapshots and faults). */
  storageBackend?: StorageBackendConstructor;
  /** Filters innermost in the handler chain, after authorization (the kit's fault injection). */
  innerFilters?: GenericAPIServerOptions['innerFilters'];
}

/** Secure serving and authentication (SecureServingOptions, BuiltInAuthenticationOptions). */
export interface SecureServingFlags {
  /** --secure-port: HTTPS (default 6443; 0 picks a free port). */
  securePort: number;
  /** --tls-cert-file / --tls-private-key-file; without them a generated CA and serving certificate in --cert-dir. */
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  /** --cert-dir: where generated certificates are kept (`kapi server`: default <data-dir>/pki; unset in-process: in memory). */
  certDir?: string;
  /** --client-ca-file: CAs of client certificates (default: the generated CA). */
  clientCAFile?: string;
  /** --advertise-address: the address members of the cluster reach the server at; also a SAN of the serving certificate. */
  advertiseAddress?: string;
  /** --anonymous-auth (default true). */
  anonymousAuth: boolean;
  /** --tls-min-version: VersionTLS12 (default) or VersionTLS13. */
  tlsMinVersion?: string;
  /** --tls-cipher-suites: Go's IANA names. */
  tlsCipherSuites: string[];
  /** Not a flag: a CA (PEM certificate and key) that signs in-memory certificates instead of --cert-dir (createServer). */
  signingCA?: CertKeyPair;
}

export const defaultSecureServingFlags: SecureServingFlags = { securePort: 6443, anonymousAuth: true, tlsCipherSuites: [] };

export function defaultServerRunOptions(): ServerRunOptions {
  return {
    ...defaultLegacyRESTStorageConfig,
    ...defaultSecureServingFlags,
    bindAddress: '127.0.0.1',
    port: 0,
    storageBackend: 'embedded',
    etcdServers: ['http://127.0.0.1:2379'],
    etcdPrefix: '/registry',
    etcdCompactionIntervalMs: 5 * 60 * 1000,
    encryptionProviderConfigAutomaticReload: false,
    runtimeConfig: {},
    plugins: [],
    watchCache: true,
    watchCacheSizes: {},
    maxRequestBodyBytes: 3 * 1024 * 1024,
    maxRequestsInFlight: 400,
    maxMutatingRequestsInFlight: 200,
    requestTimeoutMs: 60_000,
    shutdownDelayMs: 0,
    shutdownSendRetryAfter: false,
    shutdownWatchTerminationGracePeriodMs: 0,
    minRequestTimeoutSeconds: 1800,
    controllers: ['*'],
    audit: defaultAuditOptions(),
    authorization: defaultAuthorizationOptions(),
    admission: defaultAdmissionOptions(),
  };
}
