import { parseArgs } from 'node:util';
import type { ServerRunOptions } from '@kapi/controlplane';
import { controlplane } from './lazy-controlplane';
import { applyAuthenticationFlags, authenticationFlagSpec } from './authentication-flags';
import { parseDuration } from './duration';
import { auditFlagSpec, parseAuditFlags } from './audit-flags';
import { applyAuthorizationFlags, authorizationFlagSpec } from './authorization-flags';
import { admissionFlagSpec, applyAdmissionFlags } from './admission-flags';
import { applyEncryptionFlags, encryptionFlagSpec } from './encryption-flags';
import { applySecureServingFlags, secureServingFlagSpec } from './secure-serving-flags';
import { aggregatorFlagSpec, applyAggregatorFlags } from './aggregator-flags';
import { applyDelegationFlags, delegationFlagSpec } from './delegation-flags';
import { parseWorkers } from './workers';

/** A usage error: printed with the hint to --help, exit code 2 (as cobra does for kube-apiserver). */
export class UsageError extends Error {}

const flagSpec = {
  help: { type: 'boolean', short: 'h', description: 'help for server' },
  version: { type: 'boolean', description: 'Print version information and quit.' },
  'bind-address': { type: 'string', description: 'The IP address on which to listen for the --secure-port port. (default "127.0.0.1")' },
  port: {
    type: 'string',
    description:
      'The insecure port: plain HTTP on 127.0.0.1 only, unauthenticated and unauthorized (every request is system:unsecured in system:masters). 0 turns it off. (default 0)',
  },
  ...secureServingFlagSpec,
  'storage-backend': { type: 'string', description: 'The storage backend for persistence: embedded, etcd3, memory. (default "embedded")' },
  'data-dir': { type: 'string', description: 'Directory of the embedded storage backend. (default "./kapi-data")' },
  'quota-backend-bytes': {
    type: 'string',
    description:
      "Embedded backend: refuse writes (as etcd's NOSPACE) once the store's pages in use reach this many bytes; 0 is 2 GiB as in etcd, negative turns it off. (default 0)",
  },
  'etcd-servers': { type: 'string', multiple: true, description: 'List of etcd servers to connect with (scheme://ip:port), comma separated.' },
  'etcd-prefix': { type: 'string', description: 'The prefix to prepend to all resource paths in etcd. (default "/registry")' },
  'etcd-cafile': { type: 'string', description: 'SSL Certificate Authority file used to secure etcd communication.' },
  'etcd-certfile': { type: 'string', description: 'SSL certification file used to secure etcd communication.' },
  'etcd-keyfile': { type: 'string', description: 'SSL key file used to secure etcd communication.' },
  'etcd-compaction-interval': { type: 'string', description: 'The interval of compaction requests; 0 disables compaction. (default 5m0s)' },
  ...encryptionFlagSpec,
  'runtime-config': { type: 'string', multiple: true, description: 'A set of key=value pairs that enable or disable built-in APIs: <group>/<version>[/<resource>]=true|false.' },
  plugin: { type: 'string', multiple: true, description: 'An npm package or path exporting a ContainerModule that installs an API group. Repeatable.' },
  'watch-cache': { type: 'string', description: 'Enable the watch cache. (default true)' },
  'watch-cache-sizes': { type: 'string', multiple: true, description: 'Watch cache size settings per resource: resource[.group]#size.' },
  'event-ttl': { type: 'string', description: 'Amount of time to retain events. (default 1h0m0s)' },
  'service-cluster-ip-range': {
    type: 'string',
    description: 'A CIDR notation IP range from which to assign service cluster IPs; two comma-separated CIDRs (IPv4 and IPv6) for dual-stack. (default "10.0.0.0/24")',
  },
  'service-node-port-range': { type: 'string', description: 'A port range to reserve for services with NodePort visibility. (default 30000-32767)' },
  'service-account-issuer': {
    type: 'string',
    multiple: true,
    description:
      'Identifier of the service account token issuer (the "iss" claim). Repeatable: the first issues tokens, all are accepted. (default "https://kubernetes.default.svc.cluster.local")',
  },
  'service-account-key-file': {
    type: 'string',
    multiple: true,
    description: 'PEM file of public or private RSA/ECDSA keys that verify service account tokens. Repeatable. (default: the signing key)',
  },
  'service-account-lookup': { type: 'string', description: 'If true, validate ServiceAccount tokens exist in etcd as part of authentication. (default true)' },
  'service-account-jwks-uri': { type: 'string', description: 'Overrides the URI for the JSON Web Key Set in the discovery doc served at /.well-known/openid-configuration.' },
  'api-audiences': {
    type: 'string',
    multiple: true,
    description: 'Identifiers of the API; service account tokens must be for one of them. Comma separated. (default: the issuers)',
  },
  'service-account-signing-key-file': {
    type: 'string',
    description: 'Path to the PEM private key (RSA or ECDSA) that signs service account tokens; unset: a key generated under --data-dir.',
  },
  'service-account-max-token-expiration': { type: 'string', description: 'The maximum validity duration of a token created by the service account token issuer (0: no cap).' },
  controllers: {
    type: 'string',
    multiple: true,
    description:
      'In-process controllers to run: "*" for all, "foo" to enable, "-foo" to disable (kube-controller-manager names: garbage-collector-controller, namespace-controller, …; see docs/controllers.md). (default [*])',
  },
  'max-requests-inflight': { type: 'string', description: 'The maximum number of non-mutating requests in flight at a given time. 0 means no limit. (default 400)' },
  'max-mutating-requests-inflight': { type: 'string', description: 'The maximum number of mutating requests in flight at a given time. 0 means no limit. (default 200)' },
  'request-timeout': { type: 'string', description: 'The duration a handler must keep a request open before timing it out (not for watches). (default 1m0s)' },
  'shutdown-delay-duration': {
    type: 'string',
    description:
      'How long to keep serving requests normally after a termination signal while /readyz already fails (so load balancers stop sending traffic); graceful termination begins after it. (default 0s)',
  },
  'shutdown-send-retry-after': {
    type: 'string',
    description:
      'If true, keep listening until in-flight requests have drained and answer new requests meanwhile with 429, a Retry-After header and Connection: close. (default false)',
  },
  'shutdown-watch-termination-grace-period': { type: 'string', description: 'The longest time open watches are given to end during graceful termination. (default 0s)' },
  'min-request-timeout': {
    type: 'string',
    description:
      'Seconds a watch without timeoutSeconds stays open at least: each such watch ends after a random time between this and twice this, so clients re-watch spread out. (default 1800)',
  },
  'max-request-body-bytes': { type: 'string', description: 'Limit on the size of a write request body. (default 3145728)' },
  'enable-garbage-collector': {
    type: 'string',
    description: 'Orphan and foreground deletion as finalizers; a garbage collector must remove them. (default: on when --controllers runs garbage-collector-controller)',
  },
  'leader-elect': {
    type: 'string',
    description: 'Run the kube-controller-manager controllers of --controllers under a leader Lease in kube-system, so one of several instances runs them. (default true)',
  },
  'leader-elect-lease-duration': { type: 'string', description: 'How long non-leaders wait after the last renewal they saw before taking the Lease. (default 15s)' },
  'leader-elect-renew-deadline': { type: 'string', description: 'How long the leader retries renewing before it stops leading. (default 10s)' },
  'leader-elect-retry-period': { type: 'string', description: 'How often candidates try to acquire or renew the Lease. (default 2s)' },
  'legacy-service-account-token-clean-up-period': {
    type: 'string',
    description: 'How long an auto-generated token Secret stays unused before it is invalidated, and invalid before it is deleted. (default 8760h0m0s)',
  },
  'endpoint-reconciler-type': { type: 'string', description: 'Use an endpoint reconciler (lease, none). (default "lease")' },
  'endpoint-reconciler-interval': {
    type: 'string',
    description:
      'How often each apiserver renews its master lease and reconciles the `kubernetes` Endpoints; the lease lives 1.5 times as long (kube-apiserver: fixed 10s and 15s). (default 10s)',
  },
  'identity-lease-duration-seconds': { type: 'string', description: "The duration of this apiserver's identity Lease. (default 3600)" },
  'identity-lease-renew-interval-seconds': { type: 'string', description: 'How often this apiserver renews its identity Lease. (default 10)' },
  workers: {
    type: 'string',
    description: 'Serving processes behind the same ports, each a full apiserver with its own watch cache (etcd3 or embedded; see docs/workers.md). (default 1)',
  },
  'log-level': { type: 'string', description: 'Level of the structured request log: trace, debug, info, warn, error, silent. (default "info")' },
  ...authenticationFlagSpec,
  ...auditFlagSpec,
  ...authorizationFlagSpec,
  ...admissionFlagSpec,
  ...aggregatorFlagSpec,
  ...delegationFlagSpec,
} as const;

export function usage(): string {
  const lines = Object.entries(flagSpec).map(([name, spec]) => {
    const short = 'short' in spec ? `-${spec.short}, ` : '    ';
    const arg = spec.type === 'string' ? ('multiple' in spec ? ' strings' : ' string') : '';
    return `  ${short}--${name}${arg}\n        ${spec.description}`;
  });
  return `kapi server runs a Kubernetes-compatible API server.\n\nUsage:\n  kapi server [flags]\n\nFlags:\n${lines.join('\n')}\n`;
}

/** --leader-elect* (kube-controller-manager's) and --identity-lease-* (kube-apiserver's). */
function applyControllerFlags(str: (name: string) => string | undefined, opts: ServerRunOptions, count: (name: string) => number): void {
  const le: NonNullable<ServerRunOptions['leaderElection']> = {};
  if (str('leader-elect') !== undefined) le.leaderElect = boolFlag('leader-elect', str('leader-elect'), true);
  if (str('leader-elect-lease-duration') !== undefined) le.leaseDurationMs = parseDuration(str('leader-elect-lease-duration')!);
  if (str('leader-elect-renew-deadline') !== undefined) le.renewDeadlineMs = parseDuration(str('leader-elect-renew-deadline')!);
  if (str('leader-elect-retry-period') !== undefined) le.retryPeriodMs = parseDuration(str('leader-elect-retry-period')!);
  if (Object.keys(le).length > 0) opts.leaderElection = le;
  const reconciler = str('endpoint-reconciler-type');
  if (reconciler !== undefined) {
    // kube's master-count reconciler is deprecated and not offered.
    if (reconciler !== 'lease' && reconciler !== 'none') throw new Error(`invalid argument "${reconciler}" for "--endpoint-reconciler-type" flag: must be one of lease, none`);
    opts.endpointReconcilerType = reconciler;
  }
  if (str('endpoint-reconciler-interval') !== undefined) opts.endpointReconcilerIntervalMs = parseDuration(str('endpoint-reconciler-interval')!);
  const t: NonNullable<ServerRunOptions['controllerTimings']> = {};
  if (str('identity-lease-duration-seconds') !== undefined) t.identityLeaseDurationSeconds = count('identity-lease-duration-seconds');
  if (str('identity-lease-renew-interval-seconds') !== undefined) t.identityLeaseRenewIntervalMs = count('identity-lease-renew-interval-seconds') * 1000;
  if (str('legacy-service-account-token-clean-up-period') !== undefined) t.legacyTokenCleanUpPeriodMs = parseDuration(str('legacy-service-account-token-clean-up-period')!);
  if (Object.keys(t).length > 0) opts.controllerTimings = t;
}

function boolFlag(name: string, value: string | undefined, dflt: boolean): boolean {
  if (value === undefined) return dflt;
  if (value === 'true' || value === '') return true;
  if (value === 'false') return false;
  throw new UsageError(`invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
}

function sizes(values: string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of (values ?? []).flatMap((v) => v.split(','))) {
    const [resource, size] = entry.split('#');
    if (!resource || !/^\d+$/.test(size ?? '')) throw new UsageError(`invalid value of watch cache size: ${entry}`);
    out[resource] = Number(size);
  }
  return out;
}

/** Flags marked `bool` may stand alone as pflag's bool flags do: `--x` means `--x=true`. */
function bareBoolFlags(argv: string[]): string[] {
  const bools = new Set(
    Object.entries(flagSpec)
      .filter(([, spec]) => 'bool' in spec && spec.bool)
      .map(([name]) => `--${name}`),
  );
  return argv.map((arg) => (bools.has(arg) ? `${arg}=true` : arg));
}

/** Parses `kapi server` flags; `--flag=value` and `--flag value` both work. */
export function parseServerFlags(argv: string[]): { help: boolean; version: boolean; options: ServerRunOptions; workers: number } {
  let parsed;
  try {
    parsed = parseArgs({ args: bareBoolFlags(argv), options: flagSpec as never, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^Unknown option '(.*?)'.*$/s, 'unknown flag: $1'));
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  // --help and --version print and quit: no options are built, so the control plane is never loaded.
  if (v.help === true || v.version === true) return { help: v.help === true, version: v.version === true, options: {} as ServerRunOptions, workers: 1 };
  const opts = controlplane().defaultServerRunOptions();
  const str = (name: string) => v[name] as string | undefined;
  const list = (name: string) => v[name] as string[] | undefined;
  let workers = 1;
  try {
    if (str('bind-address') !== undefined) opts.bindAddress = str('bind-address')!;
    if (str('port') !== undefined) {
      if (!/^\d+$/.test(str('port')!) || Number(str('port')) > 65535) throw new UsageError(`invalid argument "${str('port')}" for "--port" flag`);
      opts.port = Number(str('port'));
    }
    applySecureServingFlags(opts, str, list);
    if (str('storage-backend') !== undefined) opts.storageBackend = str('storage-backend')!;
    if (str('data-dir') !== undefined) opts.dataDir = str('data-dir')!;
    if (str('quota-backend-bytes') !== undefined) {
      if (!/^-?\d+$/.test(str('quota-backend-bytes')!))
        throw new UsageError(
          `invalid argument "${str('quota-backend-bytes')}" for "--quota-backend-bytes" flag: strconv.ParseInt: parsing "${str('quota-backend-bytes')}": invalid syntax`,
        );
      opts.quotaBackendBytes = Number(str('quota-backend-bytes'));
    }
    if (list('etcd-servers'))
      opts.etcdServers = list('etcd-servers')!
        .flatMap((s) => s.split(','))
        .filter(Boolean);
    if (str('etcd-prefix') !== undefined) opts.etcdPrefix = str('etcd-prefix')!;
    opts.etcdCaFile = str('etcd-cafile');
    opts.etcdCertFile = str('etcd-certfile');
    opts.etcdKeyFile = str('etcd-keyfile');
    if (str('etcd-compaction-interval') !== undefined) opts.etcdCompactionIntervalMs = parseDuration(str('etcd-compaction-interval')!);
    applyEncryptionFlags(opts, str, (name, dflt) => boolFlag(name, str(name), dflt));
    if (str('event-ttl') !== undefined) opts.eventTTLSeconds = parseDuration(str('event-ttl')!) / 1000;
    if (str('service-cluster-ip-range') !== undefined) opts.serviceClusterIPRange = str('service-cluster-ip-range')!;
    if (str('service-node-port-range') !== undefined) opts.serviceNodePortRange = str('service-node-port-range')!;
    if (list('service-account-issuer')) [opts.serviceAccountIssuer, ...opts.serviceAccountExtraIssuers] = list('service-account-issuer')!;
    if (list('service-account-key-file')) opts.serviceAccountKeyFiles = list('service-account-key-file')!;
    opts.serviceAccountLookup = boolFlag('service-account-lookup', str('service-account-lookup'), true);
    if (str('service-account-jwks-uri') !== undefined) opts.serviceAccountJWKSURI = str('service-account-jwks-uri')!;
    if (list('api-audiences'))
      opts.apiAudiences = list('api-audiences')!
        .flatMap((s) => s.split(','))
        .filter(Boolean);
    if (str('service-account-signing-key-file') !== undefined) opts.serviceAccountSigningKeyFile = str('service-account-signing-key-file')!;
    if (str('service-account-max-token-expiration') !== undefined) {
      opts.serviceAccountMaxTokenExpirationSeconds = parseDuration(str('service-account-max-token-expiration')!) / 1000;
    }
    if (list('controllers')) opts.controllers = list('controllers')!;
    const count = (name: string) => {
      const value = str(name)!;
      if (!/^\d+$/.test(value)) throw new UsageError(`invalid argument "${value}" for "--${name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
      return Number(value);
    };
    if (str('max-requests-inflight') !== undefined) opts.maxRequestsInFlight = count('max-requests-inflight');
    if (str('max-mutating-requests-inflight') !== undefined) opts.maxMutatingRequestsInFlight = count('max-mutating-requests-inflight');
    if (str('max-request-body-bytes') !== undefined) opts.maxRequestBodyBytes = count('max-request-body-bytes');
    if (str('min-request-timeout') !== undefined) opts.minRequestTimeoutSeconds = count('min-request-timeout');
    if (str('request-timeout') !== undefined) opts.requestTimeoutMs = parseDuration(str('request-timeout')!);
    if (str('shutdown-delay-duration') !== undefined) opts.shutdownDelayMs = parseDuration(str('shutdown-delay-duration')!);
    opts.shutdownSendRetryAfter = boolFlag('shutdown-send-retry-after', str('shutdown-send-retry-after'), false);
    if (str('shutdown-watch-termination-grace-period') !== undefined) {
      opts.shutdownWatchTerminationGracePeriodMs = parseDuration(str('shutdown-watch-termination-grace-period')!);
    }
    if (str('log-level') !== undefined) opts.logLevel = str('log-level');
    if (str('enable-garbage-collector') !== undefined) opts.enableGarbageCollector = boolFlag('enable-garbage-collector', str('enable-garbage-collector'), true);
    applyControllerFlags(str, opts, count);
    opts.runtimeConfig = controlplane().parseRuntimeConfig(list('runtime-config') ?? []);
    opts.plugins = list('plugin') ?? [];
    opts.watchCache = boolFlag('watch-cache', str('watch-cache'), true);
    opts.watchCacheSizes = sizes(list('watch-cache-sizes'));
    applyAuthenticationFlags(opts, v);
    parseAuditFlags(str, opts.audit);
    applyAuthorizationFlags(v, opts);
    applyAdmissionFlags(v, opts);
    applyAggregatorFlags(v, opts);
    applyDelegationFlags(v, opts);
    workers = parseWorkers(str('workers'), opts.storageBackend);
  } catch (err) {
    throw err instanceof UsageError ? err : new UsageError((err as Error).message);
  }
  return { help: false, version: false, options: opts, workers };
}
