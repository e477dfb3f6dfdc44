/**
 * How long and how large each figure is. `--quick` keeps the whole run under three minutes on a
 * two-core machine; the full run measures longer windows for steadier figures. Both use the same
 * payload and the same concurrency, so their ratios compare.
 */
import { ratios, type RatioKey } from './figures';

export interface BenchConfig {
  quick: boolean;
  /** Requests in flight for every throughput figure (the 64). */
  concurrency: number;
  /** Throughput figures run in this many interleaved rounds; the figure is the best round. */
  rounds: number;
  /** Load each throughput subject gets once before the rounds (JIT, pools, caches), not counted. */
  initialWarmupMs: number;
  /** Warm-up (not counted) and measured window of one round of one throughput figure. */
  roundWarmupMs: number;
  roundMeasureMs: number;
  /** Upper bound on the requests of one throughput figure, whatever the window. */
  maxOpsPerFigure: number;
  listObjects: number;
  listRuns: number;
  watchers: number;
  watchWritesPerSec: number;
  watchSeconds: number;
  memoryObjects: number;
  startupRuns: number;
  /** Directory for `--cpu-prof` profiles of every kapi server, when profiling. */
  cpuProfDir?: string;
  /** Figures to measure (all when empty), for profiling one path at a time. */
  only: Set<string>;
}

export function parseBenchArgs(argv: string[], resultsDir: string): BenchConfig {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  // A ratio named in --only stands for the figures it divides.
  const only = new Set((onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : []).flatMap((k) => (k in ratios ? ratios[k as RatioKey].uses : [k])));
  const cpuProf = argv.includes('--cpu-prof');
  return {
    quick,
    concurrency: 64,
    rounds: quick ? 2 : 3,
    initialWarmupMs: quick ? 1500 : 3000,
    roundWarmupMs: quick ? 500 : 1000,
    roundMeasureMs: quick ? 1500 : 5000,
    maxOpsPerFigure: 2_000_000,
    listObjects: 5000,
    listRuns: quick ? 15 : 50,
    watchers: 1000,
    watchWritesPerSec: 100,
    watchSeconds: quick ? 5 : 10,
    memoryObjects: 20000,
    startupRuns: quick ? 3 : 7,
    cpuProfDir: cpuProf ? `${resultsDir}/profiles` : undefined,
    only,
  };
}

/** Whether a figure (by its key in the JSON) is part of this run. */
export function wants(cfg: BenchConfig, ...keys: string[]): boolean {
  return cfg.only.size === 0 || keys.some((k) => cfg.only.has(k));
}
