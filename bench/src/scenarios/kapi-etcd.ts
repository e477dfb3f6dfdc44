import { wants } from '../config';
import type { ListLatencyResult, WatchLatencyResult } from '../load/jobs';
import { configMap, getTargetName, namespaces } from '../payload';
import { startBareKoa } from '../processes/bare-koa';
import { startKapi, type KapiServer } from '../processes/kapi-server';
import { runJob } from '../processes/load-worker';
import { ensureNamespace, type BenchContext } from './context';
import { fillNamespace } from './fill';
import { cpuText, measureCreates, measureGets } from './creates';
import { cpuMsPerOp, sampleCpu } from '../processes/process-cpu';

const targetPath = `/api/v1/namespaces/${namespaces.get}/configmaps/${getTargetName}`;
// resourceVersion=0: "any version the server has", which kube-apiserver serves from its watch cache.
const cachedGetPath = `${targetPath}?resourceVersion=0`;

async function createTarget(url: string): Promise<Buffer> {
  const post = await fetch(`${url}/api/v1/namespaces/${namespaces.get}/configmaps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(configMap(namespaces.get, getTargetName)),
  });
  if (post.status !== 201 && post.status !== 409) throw new Error(`create ${targetPath}: ${post.status} ${await post.text()}`);
  const get = await fetch(`${url}${targetPath}`);
  if (get.status !== 200) throw new Error(`GET ${targetPath}: ${get.status}`);
  return Buffer.from(await get.arrayBuffer());
}

/** kapi on etcd with the watch cache on: creates, cached GETs, LIST of 5k, watch fan-out. */
async function onCachedServer(ctx: BenchContext, server: KapiServer): Promise<Buffer> {
  for (const ns of Object.values(namespaces)) await ensureNamespace(server.url, ns);
  const objectBytes = await createTarget(server.url);
  if (wants(ctx.cfg, 'kapiEtcdCreatesPerSec')) ctx.figures.kapiEtcdCreatesPerSec = await measureCreates(ctx, server.url, 'etcd', server.pid);
  if (wants(ctx.cfg, 'kapiCachedGetsPerSec')) ctx.figures.kapiCachedGetsPerSec = await measureGets(ctx, server.url, cachedGetPath, 'kapi cached', server.pid);
  if (wants(ctx.cfg, 'list5kCachedMsP50', 'list5kStringifyMsP50')) {
    await fillNamespace(ctx, server.url, '/registry', namespaces.list, ctx.cfg.listObjects);
    const r = await runJob<ListLatencyResult>(
      { kind: 'list-latency', url: server.url, path: `/api/v1/namespaces/${namespaces.list}/configmaps?resourceVersion=0`, runs: ctx.cfg.listRuns, warmups: 3 },
      300_000,
    );
    if (r.items !== ctx.cfg.listObjects) ctx.notes.push(`list5k: the list had ${r.items} items, not ${ctx.cfg.listObjects}`);
    ctx.figures.list5kCachedMsP50 = r.p50Ms;
    ctx.figures.list5kStringifyMsP50 = r.stringifyP50Ms;
    ctx.details.list5k = r;
    ctx.log(`list 5k: p50 ${r.p50Ms.toFixed(1)} ms (p99 ${r.p99Ms.toFixed(1)}), ${(r.bytes / 2 ** 20).toFixed(1)} MiB; stringify p50 ${r.stringifyP50Ms.toFixed(1)} ms`);
  }
  if (wants(ctx.cfg, 'watch1kP50Ms', 'watch1kP99Ms')) {
    const { watchers, watchWritesPerSec, watchSeconds } = ctx.cfg;
    const cpu = sampleCpu({ server: server.pid, etcd: ctx.etcdPid });
    const r = await runJob<WatchLatencyResult>(
      { kind: 'watch-latency', url: server.url, namespace: namespaces.watch, watchers, writesPerSec: watchWritesPerSec, seconds: watchSeconds },
      watchSeconds * 1000 + 120_000,
    );
    ctx.figures.watch1kP50Ms = r.p50Ms;
    ctx.figures.watch1kP99Ms = r.p99Ms;
    const cpuSample = cpu();
    const cpuPct = cpuSample.pct;
    ctx.details.watch1k = { ...r, cpuPct, cpuMsPerEventDelivered: cpuMsPerOp(cpuSample, r.received) };
    if (r.received < r.expected) ctx.notes.push(`watch1k: ${r.expected - r.received} of ${r.expected} events not received within 10 s of the last write (${r.established}/${watchers} watchers live)`);
    if (r.writeErrors > 0) ctx.notes.push(`watch1k: ${r.writeErrors} writes failed; first: ${r.firstError}`);
    ctx.log(`watch 1k: p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms; ${r.received}/${r.expected} events; CPU % of a core: ${cpuText(r.clientCpuPct, cpuPct)}`);
  }
  return objectBytes;
}

/**
 * Everything measured against kapi on etcd, and the bare koa baseline serving the same object's
 * bytes. Servers run one at a time so none competes with another for the two cores.
 */
export async function measureKapiOnEtcd(ctx: BenchContext): Promise<void> {
  const onCached = ['kapiEtcdCreatesPerSec', 'kapiCachedGetsPerSec', 'list5kCachedMsP50', 'list5kStringifyMsP50', 'watch1kP50Ms', 'watch1kP99Ms', 'kapiUncachedGetsPerSec', 'bareKoaGetsPerSec'];
  if (!wants(ctx.cfg, ...onCached)) return;
  const cached = await startKapi({ backend: 'etcd3', etcdEndpoint: ctx.etcdEndpoint, label: 'etcd-cached', cpuProfDir: ctx.cfg.cpuProfDir });
  let objectBytes: Buffer;
  try {
    objectBytes = await onCachedServer(ctx, cached);
  } finally {
    await cached.stop();
  }
  if (wants(ctx.cfg, 'kapiUncachedGetsPerSec')) {
    const uncached = await startKapi({ backend: 'etcd3', etcdEndpoint: ctx.etcdEndpoint, watchCache: false, label: 'etcd-uncached', cpuProfDir: ctx.cfg.cpuProfDir });
    try {
      ctx.figures.kapiUncachedGetsPerSec = await measureGets(ctx, uncached.url, cachedGetPath, 'kapi uncached', uncached.pid);
    } finally {
      await uncached.stop();
    }
  }
  if (wants(ctx.cfg, 'bareKoaGetsPerSec')) {
    const koa = await startBareKoa(objectBytes);
    try {
      ctx.figures.bareKoaGetsPerSec = await measureGets(ctx, koa.url, cachedGetPath, 'bare koa', koa.pid);
    } finally {
      await koa.stop();
    }
  }
}
