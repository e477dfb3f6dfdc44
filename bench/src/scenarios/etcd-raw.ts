import { wants } from '../config';
import type { ThroughputResult } from '../load/jobs';
import { runJob } from '../processes/load-worker';
import { cpuMsPerOp, sampleCpu } from '../processes/process-cpu';
import { cpuText, perOpText } from './creates';
import { jobTimeout, loopWindow, noteErrors, type BenchContext } from './context';

/** The baseline: creates and gets straight through the etcd3 client, from a load process of their own. */
export async function measureEtcdRaw(ctx: BenchContext): Promise<void> {
  if (wants(ctx.cfg, 'etcdRawCreatesPerSec')) {
    const cpu = sampleCpu({ etcd: ctx.etcdPid });
    const r = await runJob<ThroughputResult>(
      { kind: 'etcd-creates', endpoint: ctx.etcdEndpoint, keyPrefix: `/bench-raw/configmaps/bench-raw/c-${Date.now()}-`, namespace: 'bench-raw', ...loopWindow(ctx) },
      jobTimeout(ctx),
    );
    const cpuSample = cpu();
    const cpuPct = cpuSample.pct;
    ctx.figures.etcdRawCreatesPerSec = r.opsPerSec;
    ctx.details.etcdRawCreates = { ...r, cpuPct, cpuMsPerRequest: cpuMsPerOp(cpuSample, r.completed) };
    noteErrors(ctx, 'etcdRawCreatesPerSec', r);
    ctx.log(`etcd raw creates: ${r.opsPerSec.toFixed(0)}/s (p50 ${r.p50Ms.toFixed(1)} ms; CPU % of a core: ${cpuText(r.clientCpuPct, cpuPct)}; CPU ms/request: ${perOpText(cpuMsPerOp(cpuSample, r.completed))})`);
  }
  if (wants(ctx.cfg, 'etcdRawGetsPerSec')) {
    const cpu = sampleCpu({ etcd: ctx.etcdPid });
    const r = await runJob<ThroughputResult>({ kind: 'etcd-gets', endpoint: ctx.etcdEndpoint, key: '/bench-raw/configmaps/bench-raw/target', ...loopWindow(ctx) }, jobTimeout(ctx));
    const cpuSample = cpu();
    const cpuPct = cpuSample.pct;
    ctx.figures.etcdRawGetsPerSec = r.opsPerSec;
    ctx.details.etcdRawGets = { ...r, cpuPct, cpuMsPerRequest: cpuMsPerOp(cpuSample, r.completed) };
    noteErrors(ctx, 'etcdRawGetsPerSec', r);
    ctx.log(`etcd raw gets: ${r.opsPerSec.toFixed(0)}/s (p50 ${r.p50Ms.toFixed(1)} ms; CPU % of a core: ${cpuText(r.clientCpuPct, cpuPct)}; CPU ms/request: ${perOpText(cpuMsPerOp(cpuSample, r.completed))})`);
  }
}
