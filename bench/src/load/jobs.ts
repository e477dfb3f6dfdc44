/**
 * The jobs a load worker runs, and what it answers. The runner forks one worker per job, so the
 * load is generated in its own process, never inside a server's.
 */
export interface LoopWindow {
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  maxOps: number;
}

/** A TLS client's trust and identity (PEM), for the secure port: the CA to trust, a client certificate and its key. */
export interface ClientTLS {
  ca: string;
  cert: string;
  key: string;
}

export type Job =
  | ({ kind: 'http-creates'; url: string; namespace: string; namePrefix: string; tls?: ClientTLS } & LoopWindow)
  | ({ kind: 'http-gets'; url: string; path: string; tls?: ClientTLS } & LoopWindow)
  | { kind: 'http-create-count'; url: string; namespace: string; namePrefix: string; count: number; concurrency: number; tls?: ClientTLS }
  | { kind: 'list-latency'; url: string; path: string; runs: number; warmups: number; tls?: ClientTLS }
  | { kind: 'get-pair-latency'; a: GetTarget; b: GetTarget; runs: number; warmups: number }
  | ({ kind: 'etcd-creates'; endpoint: string; keyPrefix: string; namespace: string } & LoopWindow)
  | ({ kind: 'etcd-gets'; endpoint: string; key: string } & LoopWindow)
  | { kind: 'etcd-fill'; endpoint: string; templateKey: string; templateName: string; namePrefix: string; count: number; concurrency: number }
  | { kind: 'watch-latency'; url: string; namespace: string; watchers: number; writesPerSec: number; seconds: number; tls?: ClientTLS };

/** One GET endpoint of a latency comparison. */
export interface GetTarget {
  url: string;
  path: string;
  tls?: ClientTLS;
}

/** Latency of two GETs sent alternately, one request at a time: whatever else the machine does hits both alike. */
export interface GetPairLatencyResult {
  a: { p50Ms: number; p99Ms: number; bytes: number };
  b: { p50Ms: number; p99Ms: number; bytes: number };
  runs: number;
}

export interface ThroughputResult {
  opsPerSec: number;
  ops: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
  /** CPU the load generator used during the run, % of one core: near 100 means it set the pace. */
  clientCpuPct: number;
  /** Requests completed over the whole job, warm-up included (to divide CPU time by). */
  completed: number;
}

export interface CreateCountResult {
  ok: number;
  errors: number;
  elapsedMs: number;
  /** Mean size of the objects as the server answered them (the JSON the client reads back). */
  meanResponseBytes: number;
  firstError?: string;
}

export interface ListLatencyResult {
  p50Ms: number;
  p99Ms: number;
  items: number;
  bytes: number;
  /** Mean JSON size of one item as served. */
  meanItemBytes: number;
  /** JSON.stringify of the same list, in the worker's own process. */
  stringifyP50Ms: number;
}

export interface WatchLatencyResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  established: number;
  writes: number;
  expected: number;
  received: number;
  writeErrors: number;
  firstError?: string;
  /** CPU the watchers' process used, % of one core: near 100 means the client, not the server, set the pace. */
  clientCpuPct: number;
}

export interface FillResult {
  written: number;
  elapsedMs: number;
  /** etcd's revision after the last write: a cache that has it has every object. */
  revision: number;
}

export type JobResult = ThroughputResult | CreateCountResult | ListLatencyResult | WatchLatencyResult | FillResult | GetPairLatencyResult;

export type WorkerMessage = { ok: true; result: JobResult } | { ok: false; error: string };
