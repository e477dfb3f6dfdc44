import { Agent, fetch as undiciFetch, type RequestInit } from 'undici';
import type { BenchConfig } from '../config';
import type { Figures } from '../figures';
import type { ClientTLS, LoopWindow } from '../load/jobs';

/** What every scenario shares: the config, where figures and notes go, and the etcd of the run. */
export interface BenchContext {
  cfg: BenchConfig;
  etcdEndpoint: string;
  figures: Figures;
  /** Side figures (latencies, counts, errors) for the report, by scenario. */
  details: Record<string, unknown>;
  /** Observations the report must carry (failed requests, a flag with no effect, ...). */
  notes: string[];
  log: (line: string) => void;
  /** The run's etcd process, to report its CPU beside each figure. */
  etcdPid?: number;
  /** kube-apiserver for the figures beside kapi: its binary (absent when not built) and version. */
  kube?: { binary?: string; version: string };
}

/** One round of a throughput figure: the run's concurrency, a short warm-up, a share of the measuring time. */
export function loopWindow(ctx: BenchContext): LoopWindow {
  return { concurrency: ctx.cfg.concurrency, warmupMs: ctx.cfg.roundWarmupMs, measureMs: ctx.cfg.roundMeasureMs, maxOps: ctx.cfg.maxOpsPerFigure };
}

/** A load job's deadline: its window plus room to start, drain and report. */
export function jobTimeout(ctx: BenchContext, extraMs = 60_000): number {
  return ctx.cfg.roundWarmupMs + ctx.cfg.roundMeasureMs + extraMs;
}

/**
 * A setup request: plain fetch on kapi's insecure port, or over TLS with a client certificate (kube-apiserver,
 * which has only a secure port). A fresh connection each time: setup is not measured.
 */
export async function apiFetch(url: string, init: RequestInit = {}, tls?: ClientTLS) {
  if (!tls) return undiciFetch(url, init);
  const dispatcher = new Agent({ connect: tls });
  try {
    const res = await undiciFetch(url, { ...init, dispatcher });
    const body = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      text: async () => body.toString(),
      json: async () => JSON.parse(body.toString()) as unknown,
      arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength),
    };
  } finally {
    await dispatcher.close();
  }
}

/** Creates a namespace (an existing one is fine). */
export async function ensureNamespace(url: string, name: string, tls?: ClientTLS): Promise<void> {
  const res = await apiFetch(
    `${url}/api/v1/namespaces`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
    },
    tls,
  );
  if (res.status !== 201 && res.status !== 409) throw new Error(`create namespace ${name}: ${res.status} ${await res.text()}`);
}

/** Records a throughput figure and notes requests that failed during its window. */
export function noteErrors(ctx: BenchContext, key: string, r: { ops?: number; ok?: number; errors: number; firstError?: string }): void {
  if (r.errors > 0) ctx.notes.push(`${key}: ${r.errors} failed requests (of ${r.errors + (r.ops ?? r.ok ?? 0)}); first: ${r.firstError ?? 'unknown'}`);
}
