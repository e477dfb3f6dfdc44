import type { ThroughputResult } from '../load/jobs';
import { runJob } from '../processes/load-worker';
import { cpuMsPerOp, sampleCpu } from '../processes/process-cpu';
import { jobTimeout, loopWindow, noteErrors, type BenchContext } from './context';
import { namespaces } from '../payload';

/** POST creates through one kapi server at the run's concurrency, fresh names each time. */
export async function measureCreates(ctx: BenchContext, url: string, label: string, serverPid?: number): Promise<number> {
  const cpu = sampleCpu({ server: serverPid, etcd: ctx.etcdPid });
  const r = await runJob<ThroughputResult>(
    { kind: 'http-creates', url, namespace: namespaces.create, namePrefix: `${label}-${Date.now()}`, ...loopWindow(ctx) },
    jobTimeout(ctx),
  );
  const cpuSample = cpu();
  const cpuPct = cpuSample.pct;
  ctx.details[`creates:${label}`] = { ...r, cpuPct, cpuMsPerRequest: cpuMsPerOp(cpuSample, r.completed) };
  noteErrors(ctx, `creates on ${label}`, r);
  ctx.log(`kapi ${label} creates: ${r.opsPerSec.toFixed(0)}/s (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms; CPU % of a core: ${cpuText(r.clientCpuPct, cpuPct)}; CPU ms/request: ${perOpText(cpuMsPerOp(cpuSample, r.completed))})`);
  return r.opsPerSec;
}

/** GETs of one path at the run's concurrency. */
export async function measureGets(ctx: BenchContext, url: string, path: string, label: string, serverPid?: number): Promise<number> {
  const cpu = sampleCpu({ server: serverPid, etcd: ctx.etcdPid });
  const r = await runJob<ThroughputResult>({ kind: 'http-gets', url, path, ...loopWindow(ctx) }, jobTimeout(ctx));
  const cpuSample = cpu();
  const cpuPct = cpuSample.pct;
  ctx.details[`gets:${label}`] = { ...r, cpuPct, cpuMsPerRequest: cpuMsPerOp(cpuSample, r.completed) };
  noteErrors(ctx, `gets on ${label}`, r);
  ctx.log(`${label} gets: ${r.opsPerSec.toFixed(0)}/s (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms; CPU % of a core: ${cpuText(r.clientCpuPct, cpuPct)}; CPU ms/request: ${perOpText(cpuMsPerOp(cpuSample, r.completed))})`);
  return r.opsPerSec;
}

/** "load 40, server 95, etcd 30": who had the CPU while a figure ran. */
export function cpuText(loadPct: number, others: Record<string, number>): string {
  return [`load ${loadPct}`, ...Object.entries(others).map(([k, v]) => `${k} ${v}`)].join(', ');
}

export function perOpText(perOp: Record<string, number>): string {
  return Object.entries(perOp).map(([k, v]) => `${k} ${v}`).join(', ') || 'n/a';
}
