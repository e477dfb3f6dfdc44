import { wants } from '../config';
import type { CreateCountResult } from '../load/jobs';
import { namespaces } from '../payload';
import { gcAndMeasure } from '../processes/inspector';
import { startKapi } from '../processes/kapi-server';
import { runJob } from '../processes/load-worker';
import { ensureNamespace, noteErrors, type BenchContext } from './context';

/**
 * Server memory per cached object: a fresh kapi on etcd (watch cache on, its own etcd prefix so
 * no other figure's objects are in its cache), RSS after a forced GC before and after creating
 * `memoryObjects` ConfigMaps. Forcing the GC (through the inspector, this server only) keeps the
 * garbage of the create requests out of the figure.
 */
export async function measureMemory(ctx: BenchContext): Promise<void> {
  if (!wants(ctx.cfg, 'cacheBytesPerObject', 'jsonBytesPerObject')) return;
  const server = await startKapi({ backend: 'etcd3', etcdEndpoint: ctx.etcdEndpoint, etcdPrefix: `/bench-memory-${Date.now()}`, label: 'memory-figure', inspect: true, cpuProfDir: ctx.cfg.cpuProfDir });
  try {
    await ensureNamespace(server.url, namespaces.memory);
    await ensureNamespace(server.url, `${namespaces.memory}-warm`);
    // Warm-up: the request path compiled and its pools grown before the baseline is taken.
    await runJob<CreateCountResult>({ kind: 'http-create-count', url: server.url, namespace: `${namespaces.memory}-warm`, namePrefix: 'warm', count: 1000, concurrency: ctx.cfg.concurrency }, 120_000);
    await new Promise((r) => setTimeout(r, 1000));
    const before = await gcAndMeasure(server.inspectorUrl!);
    const r = await runJob<CreateCountResult>(
      { kind: 'http-create-count', url: server.url, namespace: namespaces.memory, namePrefix: 'obj', count: ctx.cfg.memoryObjects, concurrency: ctx.cfg.concurrency },
      600_000,
    );
    noteErrors(ctx, 'cacheBytesPerObject', r);
    // The cache fills from the watch: give the last events time to land.
    await new Promise((res) => setTimeout(res, 2000));
    const rssBeforeGc = server.rssBytes();
    const after = await gcAndMeasure(server.inspectorUrl!);
    ctx.figures.cacheBytesPerObject = (after.rss - before.rss) / r.ok;
    ctx.figures.jsonBytesPerObject = r.meanResponseBytes;
    ctx.details.memory = {
      objects: r.ok,
      createsPerSec: Math.round((r.ok * 1000) / r.elapsedMs),
      rssBefore: before.rss,
      rssAfter: after.rss,
      heapUsedPerObject: Math.round((after.heapUsed - before.heapUsed) / r.ok),
      externalPerObject: Math.round((after.external - before.external) / r.ok),
      rssAfterBeforeForcedGc: rssBeforeGc,
    };
    ctx.log(`memory: RSS +${((after.rss - before.rss) / 2 ** 20).toFixed(1)} MiB for ${r.ok} objects → ${ctx.figures.cacheBytesPerObject.toFixed(0)} B/object (JSON ${r.meanResponseBytes.toFixed(0)} B)`);
  } finally {
    await server.stop();
  }
}
