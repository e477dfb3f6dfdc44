/**
 * HTTP load through an undici Pool: one keep-alive connection per lane, no pipelining, bodies read
 * to the end (a client that drops bodies would flatter the server).
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { configMapTemplate } from '../payload';
import { percentile } from '../stats';
import { closedLoop, fixedCount, type Operation } from './closed-loop';
import type { ClientTLS, CreateCountResult, GetPairLatencyResult, GetTarget, Job, ListLatencyResult, ThroughputResult } from './jobs';

const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json' };

/** With `tls` (an https URL), each connection makes one handshake presenting the client certificate, then is kept alive. */
function pool(url: string, connections: number, tls?: ClientTLS): Pool {
  return new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 60_000, bodyTimeout: 60_000, ...(tls && { connect: tls }) });
}

/** A POST of a fresh ConfigMap per call; records the first failure's status and body. */
function createOp(p: Pool, namespace: string, namePrefix: string, onBody?: (bytes: number) => void): { op: Operation; firstError: () => string | undefined } {
  const { head, tail } = configMapTemplate(namespace);
  const path = `/api/v1/namespaces/${namespace}/configmaps`;
  let firstError: string | undefined;
  const op: Operation = async (seq) => {
    const res = await p.request({ method: 'POST', path, headers: jsonHeaders, body: `${head}${namePrefix}-${seq}${tail}` });
    const body = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode !== 201) {
      firstError ??= `POST ${path}: ${res.statusCode} ${body.toString().slice(0, 300)}`;
      return false;
    }
    onBody?.(body.length);
    return true;
  };
  return { op, firstError: () => firstError };
}

function getOp(p: Pool, path: string): { op: Operation; firstError: () => string | undefined } {
  let firstError: string | undefined;
  const op: Operation = async () => {
    const res = await p.request({ method: 'GET', path, headers: { accept: 'application/json' } });
    await res.body.arrayBuffer();
    if (res.statusCode !== 200) firstError ??= `GET ${path}: ${res.statusCode}`;
    return res.statusCode === 200;
  };
  return { op, firstError: () => firstError };
}

export async function runHttpJob(job: Job): Promise<ThroughputResult | CreateCountResult | ListLatencyResult | GetPairLatencyResult> {
  switch (job.kind) {
    case 'http-creates': {
      const p = pool(job.url, job.concurrency, job.tls);
      try {
        const c = createOp(p, job.namespace, job.namePrefix);
        const r = await closedLoop(c.op, job);
        return { ...r, firstError: r.firstError ?? c.firstError() };
      } finally {
        await p.close();
      }
    }
    case 'http-gets': {
      const p = pool(job.url, job.concurrency, job.tls);
      try {
        const g = getOp(p, job.path);
        const r = await closedLoop(g.op, job);
        return { ...r, firstError: r.firstError ?? g.firstError() };
      } finally {
        await p.close();
      }
    }
    case 'http-create-count': {
      const p = pool(job.url, job.concurrency, job.tls);
      let bytes = 0;
      try {
        const c = createOp(p, job.namespace, job.namePrefix, (n) => (bytes += n));
        const r = await fixedCount(c.op, job.count, job.concurrency);
        return { ...r, meanResponseBytes: r.ok > 0 ? bytes / r.ok : NaN, firstError: r.firstError ?? c.firstError() };
      } finally {
        await p.close();
      }
    }
    case 'list-latency':
      return listLatency(job.url, job.path, job.runs, job.warmups, job.tls);
    case 'get-pair-latency':
      return getPairLatency(job.a, job.b, job.runs, job.warmups);
    default:
      throw new Error(`not an HTTP job: ${job.kind}`);
  }
}

/**
 * LIST latency, one request at a time (send → last byte read), then JSON.stringify of the same
 * list in this process: the floor a server that serializes per request cannot beat.
 */
async function listLatency(url: string, path: string, runs: number, warmups: number, tls?: ClientTLS): Promise<ListLatencyResult> {
  const p = pool(url, 1, tls);
  const times: number[] = [];
  let body = Buffer.alloc(0);
  try {
    for (let i = 0; i < warmups + runs; i++) {
      const sent = performance.now();
      const res = await p.request({ method: 'GET', path, headers: { accept: 'application/json' } });
      body = Buffer.from(await res.body.arrayBuffer());
      const done = performance.now();
      if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${body.toString().slice(0, 300)}`);
      if (i >= warmups) times.push(done - sent);
    }
  } finally {
    await p.close();
  }
  const list = JSON.parse(body.toString()) as { items: unknown[] };
  const meanItemBytes = list.items.length > 0 ? list.items.reduce<number>((n, item) => n + Buffer.byteLength(JSON.stringify(item)), 0) / list.items.length : NaN;
  const stringifyTimes: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    const t = performance.now();
    JSON.stringify(list);
    if (i >= warmups) stringifyTimes.push(performance.now() - t);
  }
  return {
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    items: list.items.length,
    bytes: body.length,
    meanItemBytes,
    stringifyP50Ms: percentile(stringifyTimes, 50),
  };
}

/**
 * Two GETs compared by latency: sent alternately (a, b, a, b, ...), one request in flight, each over its
 * own keep-alive connection; send → last byte read.
 */
async function getPairLatency(a: GetTarget, b: GetTarget, runs: number, warmups: number): Promise<GetPairLatencyResult> {
  const sides = [a, b].map((t) => ({ t, p: pool(t.url, 1, t.tls), times: [] as number[], bytes: 0 }));
  try {
    for (let i = 0; i < warmups + runs; i++) {
      for (const s of sides) {
        const sent = performance.now();
        const res = await s.p.request({ method: 'GET', path: s.t.path, headers: { accept: 'application/json' } });
        const body = Buffer.from(await res.body.arrayBuffer());
        const done = performance.now();
        if (res.statusCode !== 200) throw new Error(`GET ${s.t.url}${s.t.path}: ${res.statusCode} ${body.toString().slice(0, 300)}`);
        s.bytes = body.length;
        if (i >= warmups) s.times.push(done - sent);
      }
    }
  } finally {
    await Promise.all(sides.map((s) => s.p.close()));
  }
  const [ra, rb] = sides.map((s) => ({ p50Ms: percentile(s.times, 50), p99Ms: percentile(s.times, 99), bytes: s.bytes }));
  return { a: ra, b: rb, runs };
}
