/**
 * The etcd figures on a current etcd beside Debian's 3.4: a second etcd (3.6, built from the etcd
 * server module by scripts/ensure-etcd-current.sh) with its own kapi servers (watch cache on and off)
 * and its own kube-apiserver, loaded in the same interleaved rounds as the 3.4 figures: raw creates and
 * gets, kapi creates, cached and uncached GETs, kube creates, and an uncached LIST of 5,000 on both.
 */
import { wants } from '../config';
import type { FigureKey } from '../figures';
import type { ListLatencyResult } from '../load/jobs';
import { namespaces } from '../payload';
import { locateEtcdCurrent } from '../processes/etcd-current';
import { startKapi } from '../processes/kapi-server';
import { startKubeApiserver } from '../processes/kube-apiserver';
import { runJob } from '../processes/load-worker';
import { findPid, sampleCpu } from '../processes/process-cpu';
import { ensureNamespace, loopWindow, type BenchContext } from './context';
import { fillNamespace } from './fill';
import { sharedPKI } from './secure-servers';
import { createTarget, type BenchServers } from './servers';
import { cachedGetPath } from './subjects';
import type { ThroughputSubject } from './throughput';

const throughputKeys: FigureKey[] = [
  'etcd36RawCreatesPerSec',
  'etcd36RawGetsPerSec',
  'kapiEtcd36CreatesPerSec',
  'kapiEtcd36CachedGetsPerSec',
  'kapiEtcd36UncachedGetsPerSec',
  'kubeEtcd36CreatesPerSec',
  'kapiEtcd36CpuMsPerCreate',
  'kubeEtcd36CpuMsPerCreate',
];
const listKeys: FigureKey[] = ['kapiUncachedList5kMsP50', 'kapiEtcd36UncachedList5kMsP50'];
const kubePrefix = `/kube-bench-etcd36-${Date.now()}`;

/** Starts etcd 3.6 and the servers on it that the wanted figures need. */
export async function startEtcdCurrentServers(ctx: BenchContext, servers: BenchServers): Promise<void> {
  if (!wants(ctx.cfg, ...throughputKeys, 'kapiEtcd36UncachedList5kMsP50')) return;
  const located = locateEtcdCurrent(ctx.cfg.quick);
  if (!located.binary) {
    ctx.notes.push(`etcd 3.6 figures skipped: ${located.reason}`);
    return;
  }
  const { startEtcd } = require('@kapi/storage-etcd') as typeof import('@kapi/storage-etcd');
  const etcd = await startEtcd({ binary: located.binary });
  servers.etcd36 = { endpoint: etcd.endpoint, pid: findPid(etcd.dataDir), version: located.version, stop: () => etcd.stop() };
  const endpoint = etcd.endpoint;
  const prof = ctx.cfg.cpuProfDir;
  if (wants(ctx.cfg, 'kapiEtcd36CreatesPerSec', 'kapiEtcd36CachedGetsPerSec', 'kapiEtcd36CpuMsPerCreate')) {
    servers.etcd36Cached = await startKapi({ backend: 'etcd3', etcdEndpoint: endpoint, label: 'etcd36-cached', cpuProfDir: prof });
    for (const ns of Object.values(namespaces)) await ensureNamespace(servers.etcd36Cached.url, ns);
    await createTarget(servers.etcd36Cached.url);
  }
  if (wants(ctx.cfg, 'kapiEtcd36UncachedGetsPerSec', 'kapiEtcd36UncachedList5kMsP50')) {
    servers.etcd36Uncached = await startKapi({ backend: 'etcd3', etcdEndpoint: endpoint, watchCache: false, label: 'etcd36-uncached', cpuProfDir: prof });
    for (const ns of Object.values(namespaces)) await ensureNamespace(servers.etcd36Uncached.url, ns);
    await createTarget(servers.etcd36Uncached.url);
  }
  if (ctx.kube?.binary && wants(ctx.cfg, 'kubeEtcd36CreatesPerSec', 'kubeEtcd36CpuMsPerCreate')) {
    const pki = await sharedPKI(servers);
    servers.kubeEtcd36 = await startKubeApiserver({
      binary: ctx.kube.binary,
      etcdEndpoint: endpoint,
      etcdPrefix: kubePrefix,
      pki,
      authorizationMode: 'AlwaysAllow',
      label: 'kube-etcd36',
    });
    await ensureNamespace(servers.kubeEtcd36.url, namespaces.create, pki.admin);
    servers.readerTLS ??= pki.reader;
  }
  ctx.log(
    `etcd ${located.version} at ${endpoint}: kapi ${servers.etcd36Cached?.url ?? '-'} (cached), ${servers.etcd36Uncached?.url ?? '-'} (uncached), kube-apiserver ${servers.kubeEtcd36?.url ?? '-'}`,
  );
}

/** The etcd 3.6 throughput subjects, interleaved with every other figure's rounds. */
export function etcdCurrentSubjects(ctx: BenchContext, servers: BenchServers): ThroughputSubject[] {
  const e = servers.etcd36;
  if (!e) return [];
  const stamp = Date.now();
  const etcd = e.pid;
  const subjects: ThroughputSubject[] = [
    {
      key: 'etcd36RawCreatesPerSec',
      label: 'etcd 3.6 raw creates',
      job: (round) => ({
        kind: 'etcd-creates',
        endpoint: e.endpoint,
        keyPrefix: `/bench-raw/configmaps/bench-raw/c-${stamp}-${round}-`,
        namespace: 'bench-raw',
        ...loopWindow(ctx),
      }),
      pids: { etcd },
    },
    {
      key: 'etcd36RawGetsPerSec',
      label: 'etcd 3.6 raw gets',
      job: () => ({ kind: 'etcd-gets', endpoint: e.endpoint, key: '/bench-raw/configmaps/bench-raw/target', ...loopWindow(ctx) }),
      pids: { etcd },
    },
  ];
  const cached = servers.etcd36Cached;
  if (cached) {
    subjects.push({
      key: 'kapiEtcd36CreatesPerSec',
      label: 'kapi etcd36 creates',
      job: (round) => ({ kind: 'http-creates', url: cached.url, namespace: namespaces.create, namePrefix: `e36-${stamp}-${round}`, ...loopWindow(ctx) }),
      pids: { server: cached.pid, etcd },
    });
    subjects.push({
      key: 'kapiEtcd36CachedGetsPerSec',
      label: 'kapi etcd36 cached gets',
      job: () => ({ kind: 'http-gets', url: cached.url, path: cachedGetPath, ...loopWindow(ctx) }),
      pids: { server: cached.pid, etcd },
    });
  }
  const uncached = servers.etcd36Uncached;
  if (uncached)
    subjects.push({
      key: 'kapiEtcd36UncachedGetsPerSec',
      label: 'kapi etcd36 uncached gets',
      job: () => ({ kind: 'http-gets', url: uncached.url, path: cachedGetPath, ...loopWindow(ctx) }),
      pids: { server: uncached.pid, etcd },
    });
  const kube = servers.kubeEtcd36;
  const tls = servers.readerTLS;
  if (kube && tls)
    subjects.push({
      key: 'kubeEtcd36CreatesPerSec',
      label: 'kube-apiserver etcd36 creates',
      job: (round) => ({ kind: 'http-creates', url: kube.url, namespace: namespaces.create, namePrefix: `kube36-${stamp}-${round}`, tls, ...loopWindow(ctx) }),
      pids: { server: kube.pid, etcd },
    });
  const cpuKeys: Partial<Record<FigureKey, FigureKey>> = { kapiEtcd36CreatesPerSec: 'kapiEtcd36CpuMsPerCreate', kubeEtcd36CreatesPerSec: 'kubeEtcd36CpuMsPerCreate' };
  return subjects.filter((s) => wants(ctx.cfg, s.key) || (cpuKeys[s.key] !== undefined && wants(ctx.cfg, cpuKeys[s.key]!)));
}

/** CPU per create on etcd 3.6, from the throughput rounds. */
export function etcdCurrentCpuFigures(ctx: BenchContext): void {
  const serverMs = (key: string) => (ctx.details[key] as { cpuMsPerRequest?: Record<string, number> } | undefined)?.cpuMsPerRequest?.server ?? NaN;
  ctx.figures.kapiEtcd36CpuMsPerCreate = serverMs('kapiEtcd36CreatesPerSec');
  ctx.figures.kubeEtcd36CpuMsPerCreate = serverMs('kubeEtcd36CreatesPerSec');
}

async function uncachedList(ctx: BenchContext, key: FigureKey, url: string, pid: number, etcdEndpoint: string): Promise<void> {
  await fillNamespace(ctx, url, '/registry', namespaces.list, ctx.cfg.listObjects, undefined, etcdEndpoint);
  const runs = Math.min(ctx.cfg.listRuns, 10);
  const cpu = sampleCpu({ server: pid });
  const r = await runJob<ListLatencyResult>({ kind: 'list-latency', url, path: `/api/v1/namespaces/${namespaces.list}/configmaps?resourceVersion=0`, runs, warmups: 2 }, 600_000);
  const c = cpu();
  ctx.figures[key] = r.p50Ms;
  const serverCpuMsPerList = Math.round((c.seconds.server * 1000) / (runs + 2));
  ctx.details[key] = { ...r, serverCpuMsPerList };
  ctx.log(`${key}: p50 ${r.p50Ms.toFixed(1)} ms (p99 ${r.p99Ms.toFixed(1)}), ${r.items} items, server CPU ${serverCpuMsPerList} ms/list`);
}

/**
 * LIST 5k read from etcd (kapi with --watch-cache=false: one range of 5,000 keys and their decoding per
 * LIST) on 3.4 and on 3.6, one after the other. The cached LIST (list5kCachedMsP50) does not touch etcd.
 */
export async function measureUncachedLists(ctx: BenchContext, servers: BenchServers): Promise<void> {
  if (!wants(ctx.cfg, ...listKeys)) return;
  if (servers.uncached && wants(ctx.cfg, 'kapiUncachedList5kMsP50'))
    await uncachedList(ctx, 'kapiUncachedList5kMsP50', servers.uncached.url, servers.uncached.pid, ctx.etcdEndpoint);
  if (servers.etcd36Uncached && servers.etcd36 && wants(ctx.cfg, 'kapiEtcd36UncachedList5kMsP50'))
    await uncachedList(ctx, 'kapiEtcd36UncachedList5kMsP50', servers.etcd36Uncached.url, servers.etcd36Uncached.pid, servers.etcd36.endpoint);
}
