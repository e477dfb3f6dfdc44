import type { ThroughputResult } from '../load/jobs';
import { runJob } from '../processes/load-worker';
import { jobTimeout, loopWindow, noteErrors, type BenchContext } from './context';
import { namespaces } from '../payload';

/** POST creates through one kapi server at the run's concurrency, fresh names each time. */
export async function measureCreates(ctx: BenchContext, url: string, label: string): Promise<number> {
  const r = await runJob<ThroughputResult>(
    { kind: 'http-creates', url, namespace: namespaces.create, namePrefix: `${label}-${Date.now()}`, ...loopWindow(ctx) },
    jobTimeout(ctx),
  );
  ctx.details[`creates:${label}`] = r;
  noteErrors(ctx, `creates on ${label}`, r);
  ctx.log(`kapi ${label} creates: ${r.opsPerSec.toFixed(0)}/s (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, load process ${r.clientCpuPct}% CPU)`);
  return r.opsPerSec;
}

/** GETs of one path at the run's concurrency. */
export async function measureGets(ctx: BenchContext, url: string, path: string, label: string): Promise<number> {
  const r = await runJob<ThroughputResult>({ kind: 'http-gets', url, path, ...loopWindow(ctx) }, jobTimeout(ctx));
  ctx.details[`gets:${label}`] = r;
  noteErrors(ctx, `gets on ${label}`, r);
  ctx.log(`${label} gets: ${r.opsPerSec.toFixed(0)}/s (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, load process ${r.clientCpuPct}% CPU)`);
  return r.opsPerSec;
}
