/** The figures of one run, keyed exactly as the issue names them; every value a number. */
export const figureKeys = [
  'etcdRawCreatesPerSec',
  'etcdRawGetsPerSec',
  'kapiEtcdCreatesPerSec',
  'kapiEmbeddedCreatesPerSec',
  'kapiMemoryCreatesPerSec',
  'bareKoaGetsPerSec',
  'kapiCachedGetsPerSec',
  'kapiUncachedGetsPerSec',
  'plainCachedGetsPerSec',
  'alwaysAllowTLSCachedGetsPerSec',
  'rbacCachedGetsPerSec',
  'list5kCachedMsP50',
  'list5kStringifyMsP50',
  'watch1kP50Ms',
  'watch1kP99Ms',
  'cacheBytesPerObject',
  'jsonBytesPerObject',
  'startupMs',
] as const;

export type FigureKey = (typeof figureKeys)[number];
export type Figures = Record<FigureKey, number>;

/** What each figure means, for the report. */
export const figureDescriptions: Record<FigureKey, string> = {
  etcdRawCreatesPerSec: 'create-if-absent txn straight through the etcd3 client, per second',
  etcdRawGetsPerSec: 'single-key range straight through the etcd3 client, per second',
  kapiEtcdCreatesPerSec: 'POST ConfigMap through kapi on etcd (watch cache on), per second',
  kapiEmbeddedCreatesPerSec: 'POST ConfigMap through kapi on the embedded backend, per second',
  kapiMemoryCreatesPerSec: 'POST ConfigMap through kapi on the memory backend, per second',
  bareKoaGetsPerSec: 'GET of the same object\'s bytes from koa + @koa/router, per second',
  kapiCachedGetsPerSec: 'GET one ConfigMap (resourceVersion=0) through kapi on etcd, watch cache on, per second',
  kapiUncachedGetsPerSec: 'GET one ConfigMap (resourceVersion=0) through kapi on etcd, --watch-cache=false, per second',
  plainCachedGetsPerSec: 'the cached GET on the insecure port (plain HTTP, system:unsecured) of the --authorization-mode AlwaysAllow server, per second',
  alwaysAllowTLSCachedGetsPerSec: 'the cached GET over HTTPS on that server\'s secure port, as a client certificate user not in system:masters, per second',
  rbacCachedGetsPerSec: 'the same HTTPS GET on a Node,RBAC server (the default), the user allowed by a RoleBinding to the view ClusterRole, per second',
  list5kCachedMsP50: 'LIST of 5,000 ConfigMaps (resourceVersion=0, served from the cache), ms, median',
  list5kStringifyMsP50: 'JSON.stringify of the same list in one process, ms, median',
  watch1kP50Ms: '1,000 watchers, 100 writes/s: write sent → event received, ms, median',
  watch1kP99Ms: 'the same, 99th percentile, ms',
  cacheBytesPerObject: 'server RSS growth per cached object after 20,000 objects (after a forced GC), bytes',
  jsonBytesPerObject: 'mean JSON size of those objects as served, bytes',
  startupMs: 'process start → /readyz 200 on the embedded backend, ms, median',
};

/**
 * Ratios of two figures of the run, printed in the JSON line after the figures. They price a
 * feature rather than meet a bound: 1 means free, 0.8 means the feature costs 20 % of the throughput.
 */
export const ratioKeys = ['rbacVsAlwaysAllow', 'tlsVsPlain'] as const;
export type RatioKey = (typeof ratioKeys)[number];

export const ratios: Record<RatioKey, { value: (f: Figures) => number; uses: FigureKey[]; description: string }> = {
  rbacVsAlwaysAllow: {
    value: (f) => f.rbacCachedGetsPerSec / f.alwaysAllowTLSCachedGetsPerSec,
    uses: ['rbacCachedGetsPerSec', 'alwaysAllowTLSCachedGetsPerSec'],
    description: 'HTTPS GETs with Node,RBAC / with AlwaysAllow: the cost of the RBAC decision',
  },
  tlsVsPlain: {
    value: (f) => f.alwaysAllowTLSCachedGetsPerSec / f.plainCachedGetsPerSec,
    uses: ['alwaysAllowTLSCachedGetsPerSec', 'plainCachedGetsPerSec'],
    description: 'HTTPS GETs as an x509 user with AlwaysAllow / plain HTTP GETs on the insecure port of the same server: the cost of TLS and x509 authentication',
  },
};

export function emptyFigures(): Figures {
  return Object.fromEntries(figureKeys.map((k) => [k, NaN])) as Figures;
}
