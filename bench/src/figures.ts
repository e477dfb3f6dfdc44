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
  // kube-apiserver beside kapi, on the same etcd (own prefix), same payloads and load.
  'kubeCreatesPerSec',
  'kubeCachedGetsPerSec',
  'kubeRbacCachedGetsPerSec',
  'kubeList5kMsP50',
  'kubeWatch1kP50Ms',
  'kubeWatch1kP99Ms',
  'kubeRssMbAt50k',
  'kapiRssMbAt50k',
  'kapiCpuMsPerCreate',
  'kubeCpuMsPerCreate',
  'kapiCpuMsPerCachedGet',
  'kubeCpuMsPerCachedGet',
  // kapi --workers 2 on etcd beside the one-process server (kapiEtcdCreatesPerSec, kapiCachedGetsPerSec).
  'kapiWorkers2CreatesPerSec',
  'kapiWorkers2CachedGetsPerSec',
  'kapiWorkers1CpuMsPerCachedGet',
  'kapiWorkers2CpuMsPerCreate',
  'kapiWorkers2CpuMsPerCachedGet',
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
  kubeCreatesPerSec: 'POST ConfigMap through kube-apiserver on the same etcd (own prefix), HTTPS, AlwaysAllow, per second',
  kubeCachedGetsPerSec: 'the HTTPS cached GET as the x509 reader on kube-apiserver with AlwaysAllow (compare alwaysAllowTLSCachedGetsPerSec), per second',
  kubeRbacCachedGetsPerSec: 'the same GET on kube-apiserver with Node,RBAC and the same RoleBinding (compare rbacCachedGetsPerSec), per second',
  kubeList5kMsP50: 'LIST of 5,000 ConfigMaps (resourceVersion=0) from kube-apiserver\'s watch cache, ms, median',
  kubeWatch1kP50Ms: '1,000 watchers on kube-apiserver, 100 writes/s: write sent → event received, ms, median',
  kubeWatch1kP99Ms: 'the same, 99th percentile, ms',
  kubeRssMbAt50k: 'RSS of a fresh kube-apiserver with 50,000 ConfigMaps in its watch cache, MiB',
  kapiRssMbAt50k: 'RSS of a fresh kapi (etcd, watch cache) with 50,000 ConfigMaps in its watch cache, MiB (no forced GC, as for kube)',
  kapiCpuMsPerCreate: 'kapi server CPU per create on etcd (kapiEtcdCreatesPerSec), ms',
  kubeCpuMsPerCreate: 'kube-apiserver CPU per create (kubeCreatesPerSec), ms, all its threads',
  kapiCpuMsPerCachedGet: 'kapi server CPU per HTTPS cached GET with AlwaysAllow (alwaysAllowTLSCachedGetsPerSec), ms',
  kubeCpuMsPerCachedGet: 'kube-apiserver CPU per HTTPS cached GET with AlwaysAllow (kubeCachedGetsPerSec), ms, all its threads',
  kapiWorkers2CreatesPerSec: 'POST ConfigMap through kapi --workers 2 on etcd (insecure port, as kapiEtcdCreatesPerSec), per second',
  kapiWorkers2CachedGetsPerSec: 'the cached GET on kapi --workers 2 (insecure port, as kapiCachedGetsPerSec), per second',
  kapiWorkers1CpuMsPerCachedGet: 'kapi server CPU per plain cached GET with one process (kapiCachedGetsPerSec), ms',
  kapiWorkers2CpuMsPerCreate: 'CPU of both workers per create with --workers 2, ms (compare kapiCpuMsPerCreate)',
  kapiWorkers2CpuMsPerCachedGet: 'CPU of both workers per plain cached GET with --workers 2, ms (compare kapiWorkers1CpuMsPerCachedGet)',
};

/**
 * Ratios of two figures of the run, printed in the JSON line after the figures. They price a
 * feature rather than meet a bound: 1 means free, 0.8 means the feature costs 20 % of the throughput.
 */
export const ratioKeys = ['rbacVsAlwaysAllow', 'tlsVsPlain', 'kubeRbacVsAlwaysAllow'] as const;
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
  kubeRbacVsAlwaysAllow: {
    value: (f) => f.kubeRbacCachedGetsPerSec / f.kubeCachedGetsPerSec,
    uses: ['kubeRbacCachedGetsPerSec', 'kubeCachedGetsPerSec'],
    description: 'the same ratio on kube-apiserver: what its RBAC decision costs',
  },
};

export function emptyFigures(): Figures {
  return Object.fromEntries(figureKeys.map((k) => [k, NaN])) as Figures;
}
