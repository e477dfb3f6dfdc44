import type { OIDCFlags, RequestHeaderFlags } from '@kapi/apiserver-core';
import { defaultAuditOptions, type AuditOptions } from '@kapi/apiserver-core';
import { defaultLegacyRESTStorageConfig, type LegacyRESTStorageConfig } from '@kapi/registry-core';
import { defaultAuthorizationOptions, type BuiltInAuthorizationOptions } from './authorizer/options';

/**
 * ServerRunOptions: the flags of `kapi server`, parsed (cmd/kube-apiserver/app/options). The legacy
 * group's settings (event TTL, service ranges, service account tokens, data dir) are declared once,
 * in registry-core's LegacyRESTStorageConfig, as kube-apiserver hands them to its core provider.
 */
export interface ServerRunOptions extends LegacyRESTStorageConfig {
  bindAddress: string;
  port: number;
  /** memory | embedded | etcd3 (etcd2 is refused). */
  storageBackend: string;
  etcdServers: string[];
  etcdPrefix: string;
  etcdCaFile?: string;
  etcdCertFile?: string;
  etcdKeyFile?: string;
  etcdCompactionIntervalMs: number;
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
  /** --enable-garbage-collector: orphan/foreground deletion as finalizers (needs a garbage collector). */
  enableGarbageCollector: boolean;
  /** --log-level of the request log (pino levels, "silent" for none). */
  logLevel?: string;
  /** --controllers: in-process controllers ("*", "namespace", "-serviceaccount"). */
  controllers: string[];
  // Authentication by tokens, OIDC and front proxy (built by ./authenticator).
  /** --token-auth-file: static bearer tokens (CSV). */
  tokenAuthFile?: string;
  /** --oidc-*: one OIDC issuer. */
  oidc?: OIDCFlags;
  /** --requestheader-*: the front proxy's client CA, allowed CNs and identity headers. */
  requestHeader?: Partial<RequestHeaderFlags>;
  /** --audit-policy-file, --audit-log-*, --audit-webhook-*. */
  audit: AuditOptions;
  /** --authorization-mode and the webhook flags. */
  authorization: BuiltInAuthorizationOptions;
}

export function defaultServerRunOptions(): ServerRunOptions {
  return {
    ...defaultLegacyRESTStorageConfig,
    bindAddress: '127.0.0.1',
    port: 8080,
    storageBackend: 'embedded',
    etcdServers: ['http://127.0.0.1:2379'],
    etcdPrefix: '/registry',
    etcdCompactionIntervalMs: 5 * 60 * 1000,
    runtimeConfig: {},
    plugins: [],
    watchCache: true,
    watchCacheSizes: {},
    maxRequestBodyBytes: 3 * 1024 * 1024,
    maxRequestsInFlight: 400,
    maxMutatingRequestsInFlight: 200,
    requestTimeoutMs: 60_000,
    enableGarbageCollector: false,
    controllers: ['*'],
    audit: defaultAuditOptions(),
    authorization: defaultAuthorizationOptions(),
  };
}
