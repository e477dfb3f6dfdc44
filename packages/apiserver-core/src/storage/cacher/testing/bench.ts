import { performance } from 'node:perf_hooks';
import type { KObject } from '../../../runtime/object';
import type { Interface } from '../../interfaces';
import { everything } from '../../selection-predicate';
import type { Watch, WatchEvent } from '../../watch';
import type { Cacher } from '../cacher';
import { newPodCacher, podAttrs, podKey } from './pods';

/** A pod of about 1.3 KB of JSON: labels, annotations, two containers — the size of a small real one. */
export function benchPod(name: string, ns = 'bench', extra: Record<string, string> = {}): KObject {
  const container = (n: string) => ({
    name: n,
    image: `registry.example.com/team/${n}:1.2.3`,
    args: ['--port=8080', '--log-level=info'],
    env: [
      { name: 'MODE', value: 'bench' },
      { name: 'REGION', value: 'eu-west-1' },
    ],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
      creationTimestamp: '2026-01-01T00:00:00Z' as unknown as undefined,
      labels: { app: 'bench', tier: 'web', shard: String(name.length % 4) },
      annotations: { 'example.com/owner': 'team-bench', 'example.com/note': 'x'.repeat(120), ...extra },
    },
    spec: { nodeName: `node-${name.length % 8}`, containers: [container('app'), container('sidecar')], restartPolicy: 'Always' },
    status: { phase: 'Running', podIP: '10.0.0.1' },
  };
}

export interface Timing {
  opsPerSec: number;
  p50Us: number;
  p99Us: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs op n times, one at a time, and reports its rate and latency. */
export async function timeSequential(n: number, op: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(200, n); i++) await op(i);
  const lat: number[] = new Array(n);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    lat[i] = (performance.now() - t) * 1000;
  }
  const total = performance.now() - start;
  lat.sort((a, b) => a - b);
  return { opsPerSec: Math.round((n / total) * 1000), p50Us: Math.round(percentile(lat, 50)), p99Us: Math.round(percentile(lat, 99)) };
}

export interface FanOutResult {
  watchers: number;
  writes: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** JSON.stringify calls the simulated handlers made: one per event when events are shared. */
  serializations: number;
}

/**
 * Watch fan-out inside one process: `watchers` watches, each consumed the way the watch handler
 * does (memoized per-event encoding, then the bytes handed on), while `writes` pods are created at
 * `writesPerSec`; latency is write issued → event encoded by a watcher.
 */
export async function fanOut(open: () => Promise<Watch>, write: (i: number) => Promise<unknown>, watchers: number, writes: number, writesPerSec: number): Promise<FanOutResult> {
  const sentAt = new Map<string, number>();
  const lat: number[] = [];
  let serializations = 0;
  const encode = (ev: WatchEvent): Buffer => {
    const memo = ev.encoded?.get('json');
    if (memo) return memo;
    serializations++;
    const out = Buffer.from(JSON.stringify({ type: ev.type, object: ev.object }) + '\n');
    (ev.encoded ??= new Map()).set('json', out);
    return out;
  };
  const ws: Watch[] = [];
  const loops: Promise<void>[] = [];
  for (let i = 0; i < watchers; i++) {
    const w = await open();
    ws.push(w);
    loops.push(
      (async () => {
        for await (const ev of w) {
          encode(ev);
          const t = sentAt.get((ev.object as KObject).metadata?.name ?? '');
          if (t !== undefined) lat.push(performance.now() - t);
        }
      })(),
    );
  }
  const start = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < writes; i++) {
    const due = start + (i * 1000) / writesPerSec;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sentAt.set(`fan-${i}`, performance.now());
    pending.push(write(i));
  }
  await Promise.all(pending);
  const deadline = performance.now() + 30_000;
  while (lat.length < watchers * writes && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const w of ws) w.stop();
  await Promise.all(loops);
  lat.sort((a, b) => a - b);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return { watchers, writes, delivered: lat.length, p50Ms: r2(percentile(lat, 50)), p99Ms: r2(percentile(lat, 99)), maxMs: r2(lat[lat.length - 1]), serializations };
}

export interface MemoryResult {
  objects: number;
  jsonBytesPerObject: number;
  cacheBytesPerObject: number;
}

/** Heap the cache adds per object (needs --expose-gc), against the object's JSON size. */
export async function cacheMemory(backend: Interface, objects: number): Promise<MemoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  let json = 0;
  for (let i = 0; i < objects; i++) {
    const out = await backend.create(`/pods/mem/m-${i}`, benchPod(`m-${i}`, 'mem'));
    json += JSON.stringify(out).length;
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  const cacher = await newPodCacher(backend);
  gc();
  const after = process.memoryUsage().heapUsed;
  const held = cacher.watchCache.size;
  await cacher.destroy();
  return { objects: held, jsonBytesPerObject: Math.round(json / objects), cacheBytesPerObject: Math.round((after - before) / held) };
}

/** GET and LIST from the cache against the backend, for one backend. */
export async function readFigures(backend: Interface, objects: number): Promise<Record<string, Timing>> {
  for (let i = 0; i < objects; i++) await backend.create(`/pods/bench/p-${i}`, benchPod(`p-${i}`));
  const cacher: Cacher = await newPodCacher(backend);
  const key = (i: number) => `/pods/bench/p-${i % objects}`;
  const pred = everything(podAttrs);
  try {
    return {
      getBackend: await timeSequential(3000, (i) => backend.get(key(i), {})),
      getCacheRV0: await timeSequential(3000, (i) => cacher.get(key(i), { resourceVersion: '0' })),
      listBackend: await timeSequential(20, () => backend.getList('/pods/bench', { predicate: pred, recursive: true })),
      listCacheRV0: await timeSequential(20, () => cacher.getList('/pods/bench', { predicate: pred, recursive: true, resourceVersion: '0' })),
      listCacheConsistent: await timeSequential(20, () => cacher.getList('/pods/bench', { predicate: pred, recursive: true })),
    };
  } finally {
    await cacher.destroy();
  }
}

export { podKey };
