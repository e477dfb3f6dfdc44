import { performance } from 'node:perf_hooks';
import { percentile } from '../stats';
import type { LoopWindow, ThroughputResult } from './jobs';

/** One operation: resolves true on success, false (or throws) on failure. */
export type Operation = (seq: number) => Promise<boolean>;

/**
 * A closed loop of `concurrency` lanes, each issuing its next request when the previous one
 * answers — the same shape for etcd and for HTTP, so figures compare. Runs `warmupMs` unmeasured,
 * then counts completions during `measureMs`; stops at the window's end or after `maxOps`.
 */
export async function closedLoop(op: Operation, w: LoopWindow): Promise<ThroughputResult> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const measureFrom = start + w.warmupMs;
  const measureTo = measureFrom + w.measureMs;
  let seq = 0;
  let completed = 0;
  let ops = 0;
  let errors = 0;
  let lastDone = measureFrom;
  let firstError: string | undefined;
  const latencies: number[] = [];

  const lane = async (): Promise<void> => {
    while (seq < w.maxOps) {
      const sent = performance.now();
      if (sent >= measureTo) return;
      let ok = false;
      try {
        ok = await op(seq++);
      } catch (err) {
        firstError ??= (err as Error).message;
      }
      const done = performance.now();
      completed++;
      if (done < measureFrom || done > measureTo) continue;
      lastDone = done;
      if (ok) ops++;
      else errors++;
      if (sent >= measureFrom) latencies.push(done - sent);
    }
  };
  await Promise.all(Array.from({ length: w.concurrency }, lane));
  // When maxOps ended the loop early, the window is what was actually measured.
  const windowMs = seq >= w.maxOps ? Math.max(1, lastDone - measureFrom) : w.measureMs;
  const cpu = process.cpuUsage(cpuStart);
  const clientCpuPct = Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - start)) * 100);
  return { opsPerSec: (ops * 1000) / windowMs, ops, errors, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), firstError, clientCpuPct, completed };
}

/** Runs `count` operations over `concurrency` lanes, as fast as they go (filling a store). */
export async function fixedCount(op: Operation, count: number, concurrency: number): Promise<{ ok: number; errors: number; elapsedMs: number; firstError?: string }> {
  const start = performance.now();
  let seq = 0;
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const lane = async (): Promise<void> => {
    while (seq < count) {
      try {
        if (await op(seq++)) ok++;
        else errors++;
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { ok, errors, elapsedMs: performance.now() - start, firstError };
}
