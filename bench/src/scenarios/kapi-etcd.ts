import { wants } from '../config';
import type { ListLatencyResult, WatchLatencyResult } from '../load/jobs';
import { namespaces } from '../payload';
import type { KapiServer } from '../processes/kapi-server';
import { runJob } from '../processes/load-worker';
import { sampleCpu } from '../processes/process-cpu';
import type { BenchContext } from './context';
import { fillNamespace } from './fill';

/** LIST of 5,000 ConfigMaps from the watch cache, against JSON.stringify of the same list. */
export async function measureList(ctx: BenchContext, server: KapiServer): Promise<void> {
  if (!wants(ctx.cfg, 'list5kCachedMsP50', 'list5kStringifyMsP50')) return;
  await fillNamespace(ctx, server.url, '/registry', namespaces.list, ctx.cfg.listObjects);
  const cpu = sampleCpu({ server: server.pid });
  const r = await runJob<ListLatencyResult>(
    { kind: 'list-latency', url: server.url, path: `/api/v1/namespaces/${namespaces.list}/configmaps?resourceVersion=0`, runs: ctx.cfg.listRuns, warmups: 3 },
    300_000,
  );
  const c = cpu();
  if (r.items !== ctx.cfg.listObjects) ctx.notes.push(`list5k: the list had ${r.items} items, not ${ctx.cfg.listObjects}`);
  ctx.figures.list5kCachedMsP50 = r.p50Ms;
  ctx.figures.list5kStringifyMsP50 = r.stringifyP50Ms;
  const serverCpuMsPerList = Math.round((c.seconds.server * 1000) / (ctx.cfg.listRuns + 3));
  ctx.details.list5k = { ...r, serverCpuMsPerList };
  ctx.log(
    `list 5k: p50 ${r.p50Ms.toFixed(1)} ms (p99 ${r.p99Ms.toFixed(1)}), ${(r.bytes / 2 ** 20).toFixed(1)} MiB, server CPU ${serverCpuMsPerList} ms/list; stringify p50 ${r.stringifyP50Ms.toFixed(1)} ms`,
  );
}

/** 1,000 watchers on one namespace, creates at a fixed rate: write sent → event received. */
export async function measureWatch(ctx: BenchContext, server: KapiServer): Promise<void> {
  if (!wants(ctx.cfg, 'watch1kP50Ms', 'watch1kP99Ms')) return;
  const { watchers, watchWritesPerSec, watchSeconds } = ctx.cfg;
  const cpu = sampleCpu({ server: server.pid, etcd: ctx.etcdPid });
  const r = await runJob<WatchLatencyResult>(
    { kind: 'watch-latency', url: server.url, namespace: namespaces.watch, watchers, writesPerSec: watchWritesPerSec, seconds: watchSeconds },
    watchSeconds * 1000 + 120_000,
  );
  const c = cpu();
  ctx.figures.watch1kP50Ms = r.p50Ms;
  ctx.figures.watch1kP99Ms = r.p99Ms;
  const serverCpuUsPerEvent = Math.round((c.seconds.server * 1e6) / Math.max(1, r.received));
  ctx.details.watch1k = { ...r, cpuPct: c.pct, serverCpuUsPerEventDelivered: serverCpuUsPerEvent };
  if (r.received < r.expected)
    ctx.notes.push(`watch1k: ${r.expected - r.received} of ${r.expected} events not received within 10 s of the last write (${r.established}/${watchers} watchers live)`);
  if (r.writeErrors > 0) ctx.notes.push(`watch1k: ${r.writeErrors} writes failed; first: ${r.firstError}`);
  const cpuText = [`watchers ${r.clientCpuPct}`, ...Object.entries(c.pct).map(([k, v]) => `${k} ${v}`)].join(', ');
  ctx.log(
    `watch 1k: p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms; ${r.received}/${r.expected} events; CPU % of a core: ${cpuText}; server ${serverCpuUsPerEvent} µs CPU per event delivered`,
  );
}
