/**
 * CPU used by other processes during a figure, from /proc: on a shared two-core machine the
 * figures only mean something beside how much CPU each side actually got.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const ticksPerSecond = 100; // USER_HZ on Linux

/** utime + stime of a process, in seconds; NaN when it cannot be read. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces and sits in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return NaN;
  }
}

/** The pid of the process whose command line contains `needle` (etcd, found by its data dir). */
export function findPid(needle: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(needle) && !cmd.includes('node')) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

export interface CpuSample {
  /** % of one core each process used since sampling started. */
  pct: Record<string, number>;
  /** CPU seconds each process used since sampling started. */
  seconds: Record<string, number>;
}

/** Starts sampling; the returned function gives each pid's CPU since then. */
/** A process, or several counted as one (the workers of `kapi server --workers N`). */
export type Pids = Record<string, number | number[] | undefined>;

function cpuOf(pid: number | number[]): number {
  return Array.isArray(pid) ? pid.reduce((s, p) => s + cpuSeconds(p), 0) : cpuSeconds(pid);
}

export function sampleCpu(pids: Pids): () => CpuSample {
  const start = performance.now();
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid ? cpuOf(pid) : NaN]));
  return () => {
    const wall = (performance.now() - start) / 1000;
    const out: CpuSample = { pct: {}, seconds: {} };
    for (const [k, pid] of Object.entries(pids)) {
      const used = pid ? cpuOf(pid) - before[k] : NaN;
      if (!Number.isFinite(used)) continue;
      out.pct[k] = Math.round((used / wall) * 100);
      out.seconds[k] = used;
    }
    return out;
  };
}

/**
 * CPU milliseconds per request of each process: unlike requests per second, this hardly moves when
 * other work on the machine takes cores away, so it compares paths on a busy machine.
 */
export function cpuMsPerOp(sample: CpuSample, completed: number): Record<string, number> {
  return Object.fromEntries(Object.entries(sample.seconds).map(([k, s]) => [k, Math.round(((s * 1000) / Math.max(1, completed)) * 100) / 100]));
}
