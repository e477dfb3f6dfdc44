/**
 * The throughput figures, interleaved: every subject (raw etcd, kapi on each backend, bare koa)
 * runs once per round, rounds repeat (order rotated), and each figure is its best round. Other
 * load on the machine only ever lowers a throughput, so the best of several windows spread over
 * the same minutes is the steadiest estimate, for each side of a ratio alike.
 */
import type { FigureKey } from '../figures';
import type { Job, ThroughputResult } from '../load/jobs';
import { runJob } from '../processes/load-worker';
import { sampleCpu, type Pids } from '../processes/process-cpu';
import { jobTimeout, noteErrors, type BenchContext } from './context';

export interface ThroughputSubject {
  key: FigureKey;
  label: string;
  /** The load job of one round (fresh names per round for creates). */
  job: (round: number) => Job;
  /** Processes whose CPU is reported beside the figure. */
  pids: Pids;
}

interface RoundResult extends ThroughputResult {
  cpuSeconds: Record<string, number>;
  cpuPct: Record<string, number>;
}

function summary(rounds: RoundResult[]) {
  const best = rounds.reduce((a, b) => (b.opsPerSec > a.opsPerSec ? b : a));
  const completed = rounds.reduce((n, r) => n + r.completed, 0);
  const cpuMsPerRequest: Record<string, number> = {};
  const cpuPct: Record<string, number> = {};
  for (const k of Object.keys(rounds[0]?.cpuSeconds ?? {})) {
    cpuMsPerRequest[k] = Math.round(((rounds.reduce((s, r) => s + (r.cpuSeconds[k] ?? 0), 0) * 1000) / Math.max(1, completed)) * 100) / 100;
    cpuPct[k] = best.cpuPct[k] ?? NaN;
  }
  return {
    opsPerSec: best.opsPerSec,
    roundsOpsPerSec: rounds.map((r) => Math.round(r.opsPerSec)),
    p50Ms: best.p50Ms,
    p99Ms: best.p99Ms,
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    firstError: rounds.find((r) => r.firstError)?.firstError,
    clientCpuPct: best.clientCpuPct,
    cpuMsPerRequest,
    cpuPct,
  };
}

export async function measureThroughput(ctx: BenchContext, subjects: ThroughputSubject[]): Promise<void> {
  const results = new Map<FigureKey, RoundResult[]>(subjects.map((s) => [s.key, []]));
  for (const s of subjects) {
    // The warm-up before the figure: long enough for the server's request path to be compiled.
    await runJob<ThroughputResult>({ ...s.job(-1), warmupMs: ctx.cfg.initialWarmupMs, measureMs: 1 } as Job, jobTimeout(ctx));
    ctx.log(`warmed up ${s.label}`);
  }
  for (let round = 0; round < ctx.cfg.rounds; round++) {
    // Rotate the order so no subject always runs first (or always right after the heaviest one).
    const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]);
    for (const s of order) {
      const cpu = sampleCpu(s.pids);
      const r = await runJob<ThroughputResult>(s.job(round), jobTimeout(ctx));
      const c = cpu();
      results.get(s.key)!.push({ ...r, cpuSeconds: c.seconds, cpuPct: c.pct });
      ctx.log(`round ${round + 1}/${ctx.cfg.rounds} ${s.label}: ${r.opsPerSec.toFixed(0)}/s`);
    }
  }
  for (const s of subjects) {
    const sum = summary(results.get(s.key)!);
    ctx.figures[s.key] = sum.opsPerSec;
    ctx.details[s.key] = sum;
    noteErrors(ctx, s.key, { ops: results.get(s.key)!.reduce((n, r) => n + r.ops, 0), errors: sum.errors, firstError: sum.firstError });
    const cpuText = [`load ${sum.clientCpuPct}`, ...Object.entries(sum.cpuPct).map(([k, v]) => `${k} ${v}`)].join(', ');
    const perOp =
      Object.entries(sum.cpuMsPerRequest)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'n/a';
    ctx.log(
      `${s.label}: ${sum.opsPerSec.toFixed(0)}/s (rounds ${sum.roundsOpsPerSec.join(', ')}; p50 ${Number(sum.p50Ms ?? NaN).toFixed(1)} ms; CPU % of a core: ${cpuText}; CPU ms/request: ${perOp})`,
    );
  }
}
