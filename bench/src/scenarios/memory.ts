import { wants } from '../config';
import type { CreateCountResult, ListLatencyResult } from '../load/jobs';
import { namespaces } from '../payload';
import { gcAndMeasure } from '../processes/inspector';
import { startKapi } from '../processes/kapi-server';
import { runJob } from '../processes/load-worker';
import { ensureNamespace, noteErrors, type BenchContext } from './context';
import { fillNamespace } from './fill';
import { rssObjects } from './kube-servers';

/**
 * Server memory per cached object: a fresh kapi on etcd (watch cache on, its own etcd prefix so no
 * other figure's objects are in its cache); RSS after a forced GC before and after `memoryObjects`
 * ConfigMaps reach its cache. Forcing the GC (through the inspector, on this server only) keeps the
 * garbage of decoding the watch stream out of the figure.
 */
export async function measureMemory(ctx: BenchContext): Promise<void> {
  if (!wants(ctx.cfg, 'cacheBytesPerObject', 'jsonBytesPerObject', 'kapiRssMbAt50k')) return;
  const etcdPrefix = `/bench-memory-${Date.now()}`;
  const server = await startKapi({ backend: 'etcd3', etcdEndpoint: ctx.etcdEndpoint, etcdPrefix, label: 'memory-figure', inspect: true, cpuProfDir: ctx.cfg.cpuProfDir });
  try {
    await ensureNamespace(server.url, namespaces.memory);
    await ensureNamespace(server.url, `${namespaces.memory}-warm`);
    await ensureNamespace(server.url, `${namespaces.memory}-more`);
    // Warm-up: the request and watch paths compiled and their pools grown before the baseline.
    const warm = await runJob<CreateCountResult>(
      { kind: 'http-create-count', url: server.url, namespace: `${namespaces.memory}-warm`, namePrefix: 'warm', count: 500, concurrency: ctx.cfg.concurrency },
      120_000,
    );
    noteErrors(ctx, 'memory warm-up', warm);
    const before = await gcAndMeasure(server.inspectorUrl!);
    const objects = await fillNamespace(ctx, server.url, etcdPrefix, namespaces.memory, ctx.cfg.memoryObjects);
    const rssBeforeGc = server.rssBytes();
    const after = await gcAndMeasure(server.inspectorUrl!);
    const list = await runJob<ListLatencyResult>(
      { kind: 'list-latency', url: server.url, path: `/api/v1/namespaces/${namespaces.memory}/configmaps?resourceVersion=0`, runs: 1, warmups: 0 },
      120_000,
    );
    ctx.figures.cacheBytesPerObject = (after.rss - before.rss) / objects;
    ctx.figures.jsonBytesPerObject = list.meanItemBytes;
    ctx.details.memory = {
      objects,
      rssBefore: before.rss,
      rssAfter: after.rss,
      rssAfterBeforeForcedGc: rssBeforeGc,
      heapUsedPerObject: Math.round((after.heapUsed - before.heapUsed) / objects),
      externalPerObject: Math.round((after.external - before.external) / objects),
    };
    ctx.log(
      `memory: RSS +${((after.rss - before.rss) / 2 ** 20).toFixed(1)} MiB for ${objects} objects → ${ctx.figures.cacheBytesPerObject.toFixed(0)} B/object (JSON ${list.meanItemBytes.toFixed(0)} B; heap ${((after.heapUsed - before.heapUsed) / objects) | 0} B/object)`,
    );
    if (wants(ctx.cfg, 'kapiRssMbAt50k')) {
      // The rest of the 50,000 in a second namespace; RSS read as is (no forced GC), as kube-apiserver's is.
      const more = await fillNamespace(ctx, server.url, etcdPrefix, `${namespaces.memory}-more`, rssObjects - objects);
      await new Promise((r) => setTimeout(r, 2000));
      const rss = server.rssBytes();
      ctx.figures.kapiRssMbAt50k = rss / 2 ** 20;
      ctx.details.kapiRss50k = { objects: objects + more, rss };
      ctx.log(`memory: RSS ${(rss / 2 ** 20).toFixed(0)} MiB with ${objects + more} ConfigMaps cached`);
    }
  } finally {
    await server.stop();
  }
}
