/** ServerRunOptions: the flags of `kapi server`, parsed (cmd/kube-apiserver/app/options). */
export interface ServerRunOptions {
  bindAddress: string;
  port: number;
  /** memory | embedded | etcd3 (etcd2 is refused). */
  storageBackend: string;
  dataDir: string;
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
  eventTTLSeconds: number;
  /** --service-cluster-ip-range: one CIDR, or an IPv4 and an IPv6 CIDR comma-separated. */
  serviceClusterIPRange: string;
  /** --service-node-port-range. */
  serviceNodePortRange: string;
  /** --service-account-issuer (the iss claim of service account tokens). */
  serviceAccountIssuer: string;
  /** --service-account-signing-key-file; empty: a key generated under --data-dir. */
  serviceAccountSigningKeyFile: string;
  /** --service-account-max-token-expiration in seconds; 0: no cap. */
  serviceAccountMaxTokenExpirationSeconds: number;
  /** --controllers: in-process controllers ("*", "namespace", "-serviceaccount"). */
  controllers: string[];
}

export function defaultServerRunOptions(): ServerRunOptions {
  return {
    bindAddress: '127.0.0.1',
    port: 8080,
    storageBackend: 'embedded',
    dataDir: './kapi-data',
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
    eventTTLSeconds: 3600,
    serviceClusterIPRange: '10.0.0.0/24',
    serviceNodePortRange: '30000-32767',
    serviceAccountIssuer: 'https://kubernetes.default.svc.cluster.local',
    serviceAccountSigningKeyFile: '',
    serviceAccountMaxTokenExpirationSeconds: 0,
    controllers: ['*'],
  };
}
