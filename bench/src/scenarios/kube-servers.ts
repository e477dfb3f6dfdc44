/**
 * kube-apiserver in the same run as kapi: on the run's etcd under a prefix of its own, loaded with
 * the same payloads, concurrency, warm-up and interleaved rounds. Two of them (they share their
 * prefix, as two replicas would): `--authorization-mode AlwaysAllow` for the throughput figures and
 * `Node,RBAC` for the RBAC figure. The load is the same x509 reader (and for setup an admin in
 * system:masters) as kapi's secure-port figures, from the same PKI.
 */
import { wants } from '../config';
import type { ListLatencyResult, WatchLatencyResult } from '../load/jobs';
import { namespaces } from '../payload';
import { benchReader } from '../processes/bench-pki';
import { startKubeApiserver } from '../processes/kube-apiserver';
import { runJob } from '../processes/load-worker';
import { sampleCpu } from '../processes/process-cpu';
import { ensureNamespace, type BenchContext } from './context';
import { fillNamespace } from './fill';
import { bindViewToReader, sharedPKI, statusAs, waitForAccess } from './secure-servers';
import { createTarget, type BenchServers } from './servers';

const kubeThroughput = ['kubeCreatesPerSec', 'kubeCachedGetsPerSec', 'kubeRbacCachedGetsPerSec', 'kubeCpuMsPerCreate', 'kubeCpuMsPerCachedGet'];
const kubePrefix = `/kube-bench-${Date.now()}`;

/** The object count of the RSS figures (kapiRssMbAt50k, kubeRssMbAt50k). */
export const rssObjects = 50_000;

/** The kube-apiserver binary, when it is built (main.ts notes why not otherwise). */
const kubeBinary = (ctx: BenchContext): string | undefined => ctx.kube?.binary;

export async function startKubeServers(ctx: BenchContext, servers: BenchServers): Promise<void> {
  const binary = kubeBinary(ctx);
  if (!binary || !wants(ctx.cfg, ...kubeThroughput, 'kubeList5kMsP50', 'kubeWatch1kP50Ms', 'kubeWatch1kP99Ms')) return;
  const pki = await sharedPKI(servers);
  const common = { binary, etcdEndpoint: ctx.etcdEndpoint, etcdPrefix: kubePrefix, pki };
  servers.kube = await startKubeApiserver({ ...common, authorizationMode: 'AlwaysAllow', label: 'kube-always-allow' });
  for (const ns of Object.values(namespaces)) await ensureNamespace(servers.kube.url, ns, pki.admin);
  await createTarget(servers.kube.url, pki.admin);
  await waitForAccess('kube-apiserver AlwaysAllow', servers.kube.url, pki.reader);
  if (wants(ctx.cfg, 'kubeRbacCachedGetsPerSec')) {
    servers.kubeRbac = await startKubeApiserver({ ...common, authorizationMode: 'Node,RBAC', label: 'kube-rbac' });
    const unbound = await statusAs(servers.kubeRbac.url, pki.reader);
    if (unbound !== 403) throw new Error(`${benchReader.user} without a binding got ${unbound} from kube-apiserver with Node,RBAC, not 403`);
    // kube's `view` is empty until kube-controller-manager's aggregation controller fills it; this
    // kube-apiserver runs alone, so the binding names the role `view` aggregates its read rules from.
    await bindViewToReader(servers.kubeRbac.url, pki.admin, 'system:aggregate-to-view');
    await waitForAccess('kube-apiserver Node,RBAC', servers.kubeRbac.url, pki.reader);
  }
  servers.readerTLS ??= pki.reader;
  ctx.log(`kube-apiserver ${ctx.kube?.version}: AlwaysAllow at ${servers.kube.url}${servers.kubeRbac ? `, Node,RBAC at ${servers.kubeRbac.url}` : ''} (etcd prefix ${kubePrefix})`);
}

/** LIST of 5,000 ConfigMaps from kube-apiserver's watch cache, filled and read as kapi's. */
export async function measureKubeList(ctx: BenchContext, servers: BenchServers): Promise<void> {
  const kube = servers.kube;
  if (!kube || !wants(ctx.cfg, 'kubeList5kMsP50')) return;
  await fillNamespace(ctx, kube.url, kubePrefix, namespaces.list, ctx.cfg.listObjects, kube.admin);
  const cpu = sampleCpu({ server: kube.pid });
  const r = await runJob<ListLatencyResult>(
    { kind: 'list-latency', url: kube.url, path: `/api/v1/namespaces/${namespaces.list}/configmaps?resourceVersion=0`, runs: ctx.cfg.listRuns, warmups: 3, tls: kube.admin },
    300_000,
  );
  const c = cpu();
  ctx.figures.kubeList5kMsP50 = r.p50Ms;
  const serverCpuMsPerList = Math.round((c.seconds.server * 1000) / (ctx.cfg.listRuns + 3));
  ctx.details.kubeList5k = { ...r, serverCpuMsPerList };
  ctx.log(`kube list 5k: p50 ${r.p50Ms.toFixed(1)} ms (p99 ${r.p99Ms.toFixed(1)}), ${(r.bytes / 2 ** 20).toFixed(1)} MiB, server CPU ${serverCpuMsPerList} ms/list`);
}

/** 1,000 watchers on kube-apiserver, creates at the same rate as kapi's figure. */
export async function measureKubeWatch(ctx: BenchContext, servers: BenchServers): Promise<void> {
  const kube = servers.kube;
  if (!kube || !wants(ctx.cfg, 'kubeWatch1kP50Ms', 'kubeWatch1kP99Ms')) return;
  const { watchers, watchWritesPerSec, watchSeconds } = ctx.cfg;
  const cpu = sampleCpu({ server: kube.pid, etcd: ctx.etcdPid });
  const r = await runJob<WatchLatencyResult>(
    { kind: 'watch-latency', url: kube.url, namespace: namespaces.watch, watchers, writesPerSec: watchWritesPerSec, seconds: watchSeconds, tls: kube.admin },
    watchSeconds * 1000 + 180_000,
  );
  const c = cpu();
  ctx.figures.kubeWatch1kP50Ms = r.p50Ms;
  ctx.figures.kubeWatch1kP99Ms = r.p99Ms;
  const serverCpuUsPerEvent = Math.round((c.seconds.server * 1e6) / Math.max(1, r.received));
  ctx.details.kubeWatch1k = { ...r, cpuPct: c.pct, serverCpuUsPerEventDelivered: serverCpuUsPerEvent };
  if (r.received < r.expected) ctx.notes.push(`kubeWatch1k: ${r.expected - r.received} of ${r.expected} events not received (${r.established}/${watchers} watchers live)`);
  ctx.log(
    `kube watch 1k: p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms; ${r.received}/${r.expected} events; watchers ${r.clientCpuPct} %, server ${c.pct.server} % of a core; ${serverCpuUsPerEvent} µs CPU per event delivered`,
  );
}

/**
 * RSS of a fresh kube-apiserver with 50,000 ConfigMaps in its watch cache (own prefix, so only
 * they and its bootstrap objects are cached), read as is after the cache has them all: Go's heap
 * cannot be collected from outside, so kapi's figure beside it is read the same way.
 */
export async function measureKubeMemory(ctx: BenchContext, servers: BenchServers): Promise<void> {
  const binary = kubeBinary(ctx);
  if (!binary || !wants(ctx.cfg, 'kubeRssMbAt50k')) return;
  const pki = await sharedPKI(servers);
  const etcdPrefix = `/kube-bench-memory-${Date.now()}`;
  const kube = await startKubeApiserver({ binary, etcdEndpoint: ctx.etcdEndpoint, etcdPrefix, pki, authorizationMode: 'AlwaysAllow', label: 'kube-memory' });
  try {
    await ensureNamespace(kube.url, namespaces.memory, pki.admin);
    const rssBefore = kube.rssBytes();
    const objects = await fillNamespace(ctx, kube.url, etcdPrefix, namespaces.memory, rssObjects, pki.admin);
    await new Promise((r) => setTimeout(r, 2000));
    const rss = kube.rssBytes();
    ctx.figures.kubeRssMbAt50k = rss / 2 ** 20;
    ctx.details.kubeMemory = { objects, rssBefore, rss };
    ctx.log(`kube memory: RSS ${(rss / 2 ** 20).toFixed(0)} MiB with ${objects} ConfigMaps cached (${(rssBefore / 2 ** 20).toFixed(0)} MiB before)`);
  } finally {
    await kube.stop();
  }
}

/**
 * CPU per request of the paths compared with kube-apiserver, from the throughput rounds: creates
 * (kapi on its insecure port, kube over HTTPS — TLS adds ≈ 0.07 ms per request on kapi, see
 * tlsVsPlain) and the HTTPS cached GET with AlwaysAllow on both.
 */
export function cpuFigures(ctx: BenchContext): void {
  const serverMs = (key: string) => (ctx.details[key] as { cpuMsPerRequest?: Record<string, number> } | undefined)?.cpuMsPerRequest?.server ?? NaN;
  ctx.figures.kapiCpuMsPerCreate = serverMs('kapiEtcdCreatesPerSec');
  ctx.figures.kubeCpuMsPerCreate = serverMs('kubeCreatesPerSec');
  ctx.figures.kapiCpuMsPerCachedGet = serverMs('alwaysAllowTLSCachedGetsPerSec');
  ctx.figures.kubeCpuMsPerCachedGet = serverMs('kubeCachedGetsPerSec');
  ctx.figures.kapiWorkers1CpuMsPerCachedGet = serverMs('kapiCachedGetsPerSec');
  ctx.figures.kapiWorkers2CpuMsPerCreate = serverMs('kapiWorkers2CreatesPerSec');
  ctx.figures.kapiWorkers2CpuMsPerCachedGet = serverMs('kapiWorkers2CachedGetsPerSec');
  ctx.figures.kapiEmbeddedWorkers2CpuMsPerCreate = serverMs('kapiEmbeddedWorkers2CreatesPerSec');
}
