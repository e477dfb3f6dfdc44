/**
 * Watch fan-out latency: `watchers` concurrent watches on one namespace, then creates at a fixed
 * rate, each carrying the time it was sent in its data; every event a watcher receives gives one
 * sample of write sent → event received. Writer and watchers share this process, so both stamps
 * come from one clock.
 */
import { Agent, get as httpGet, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, get as httpsGet } from 'node:https';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { configMap } from '../payload';
import { percentile } from '../stats';
import type { ClientTLS, WatchLatencyResult } from './jobs';

const marker = Buffer.from('"sentAt":"');
const quote = 0x22;
const newline = 0x0a;

interface Collector {
  samples: Float64Array;
  received: number;
  syncSeen: number;
}

/** Scans complete event lines for the sentAt stamp; keeps a partial line for the next chunk. */
function watcherSink(c: Collector): (chunk: Buffer) => void {
  let carry: Buffer | null = null;
  let sawSync = false;
  return (chunk) => {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const lastLine = buf.lastIndexOf(newline);
    carry = lastLine === buf.length - 1 ? null : Buffer.from(buf.subarray(lastLine + 1));
    if (lastLine < 0) return;
    const now = performance.now();
    for (let at = buf.indexOf(marker); at >= 0 && at < lastLine; at = buf.indexOf(marker, at + 1)) {
      const from = at + marker.length;
      const to = buf.indexOf(quote, from);
      const stamp = buf.toString('latin1', from, to);
      if (stamp === 'sync') {
        if (!sawSync) c.syncSeen++;
        sawSync = true;
        continue;
      }
      if (c.received < c.samples.length) c.samples[c.received] = now - Number(stamp);
      c.received++;
    }
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

export async function runWatchLatency(job: {
  url: string;
  namespace: string;
  watchers: number;
  writesPerSec: number;
  seconds: number;
  tls?: ClientTLS;
}): Promise<WatchLatencyResult> {
  const writes = job.writesPerSec * job.seconds;
  const expected = writes * job.watchers;
  const c: Collector = { samples: new Float64Array(expected), received: 0, syncSeen: 0 };
  const writer = new Pool(job.url, { connections: 8, pipelining: 1, ...(job.tls && { connect: job.tls }) });
  // Over TLS (kube-apiserver) each watch is its own connection with the client certificate, as over plain HTTP.
  const agent = job.tls ? new HttpsAgent({ keepAlive: false, maxSockets: Infinity, ...job.tls }) : new Agent({ keepAlive: false, maxSockets: Infinity });
  const get = (job.tls ? httpsGet : httpGet) as typeof httpGet;
  const requests: ClientRequest[] = [];
  let firstError: string | undefined;
  let writeErrors = 0;
  const base = `/api/v1/namespaces/${job.namespace}/configmaps`;

  const create = async (name: string, sentAt: () => string): Promise<void> => {
    try {
      const res = await writer.request({
        method: 'POST',
        path: base,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(configMap(job.namespace, name, { sentAt: sentAt() })),
      });
      const text = await res.body.text();
      if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${text.slice(0, 200)}`);
    } catch (err) {
      writeErrors++;
      firstError ??= `create ${name}: ${(err as Error).message}`;
    }
  };

  try {
    const list = await writer.request({ method: 'GET', path: `${base}?limit=1` });
    const rv = ((await list.body.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    for (let i = 0; i < job.watchers; i++) {
      const req = get(`${job.url}${base}?watch=true&resourceVersion=${rv}&timeoutSeconds=600`, { agent }, (res) => {
        if (res.statusCode !== 200) firstError ??= `watch: ${res.statusCode}`;
        res.on('data', watcherSink(c));
        res.on('error', () => undefined);
      });
      req.on('error', (err) => (firstError ??= `watch: ${err.message}`));
      requests.push(req);
      if (i % 100 === 99) await sleep(10); // let the server accept in batches rather than a SYN flood
    }
    // A write every watcher must see proves each watch is live before the clock starts.
    await create('sync', () => 'sync');
    await waitFor(() => c.syncSeen >= job.watchers, 30_000);

    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const inflight = new Set<Promise<void>>();
    for (let k = 0; k < writes; k++) {
      await sleep(start + (k * 1000) / job.writesPerSec - performance.now());
      if (inflight.size >= 64) await Promise.race(inflight);
      const p = create(`w-${k}`, () => String(performance.now()));
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await Promise.all(inflight);
    // Drain: until every event is in, or none has arrived for 2 s, or 10 s have passed.
    const drainUntil = performance.now() + 10_000;
    let seen = -1;
    while (c.received < expected && c.received !== seen && performance.now() < drainUntil) {
      seen = c.received;
      await waitFor(() => c.received >= expected || c.received !== seen, 2000);
    }
    const cpu = process.cpuUsage(cpuStart);
    const samples = c.samples.subarray(0, Math.min(c.received, expected));
    return {
      p50Ms: percentile(samples, 50),
      p99Ms: percentile(samples, 99),
      maxMs: percentile(samples, 100),
      established: c.syncSeen,
      writes,
      expected,
      received: c.received,
      writeErrors,
      firstError,
      clientCpuPct: Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - start)) * 100),
    };
  } finally {
    for (const req of requests) req.destroy();
    agent.destroy();
    await writer.close();
  }
}
