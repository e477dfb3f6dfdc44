/**
 * Quick figures for the embedded backend: creates/s and gets/s through KVStore (the path every
 * request takes) with 64 concurrent clients and ~1 KB objects, beside MemoryKV — and beside a real
 * etcd when `--etcd` is given and `etcd` is installed. Measured in one run, on one machine.
 *
 *   cd /work/main && node --conditions=kapi-source --require tsx/cjs packages/storage-embedded/bench/kv-bench.ts [--etcd] [--n 20000]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { storage, type KObject } from '@kapi/apiserver-core';
import { EmbeddedKV } from '../src/embedded-kv';

const concurrency = 64;
const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--n') + 1]) || 20000;

interface Subject {
  name: string;
  kv: storage.KV;
  cleanup: () => Promise<void>;
}

function pod(i: number): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'bench', labels: { app: 'bench', idx: String(i % 100) } },
    // Pad the object to about 1 KB of JSON, the size of a small real pod.
    spec: { nodeName: '', containers: [{ name: 'c', image: 'registry.example/app:1.0', args: ['x'.repeat(760)] }] },
  };
}

async function runPool(total: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await fn(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round(total / seconds);
}

async function measure(subject: Subject): Promise<{ creates: number; gets: number }> {
  const s = new storage.KVStore(subject.kv, { pathPrefix: '/registry' });
  const key = (i: number) => `/pods/bench/pod-${i}`;
  const creates = await runPool(n, (i) => s.create(key(i), pod(i)));
  const gets = await runPool(n * 2, (i) => s.get(key((i * 7919) % n), {}));
  return { creates, gets };
}

async function subjects(): Promise<Subject[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-bench-'));
  const embedded = new EmbeddedKV({ dataDir });
  const memory = new storage.MemoryKV();
  const list: Subject[] = [
    { name: 'embedded (lmdb, synced)', kv: embedded, cleanup: async () => (await embedded.close(), fs.rmSync(dataDir, { recursive: true, force: true })) },
    { name: 'memory', kv: memory, cleanup: () => memory.close() },
  ];
  if (args.includes('--etcd')) {
    // Only for the comparison; the embedded package itself never depends on etcd.
    const { startEtcd, EtcdKV } = require('@kapi/storage-etcd') as typeof import('@kapi/storage-etcd');
    const etcd = await startEtcd();
    const kv = new EtcdKV({ servers: [etcd.endpoint] });
    list.push({ name: 'etcd (local, default fsync)', kv, cleanup: async () => (await kv.close(), await etcd.stop()) });
  }
  return list;
}

async function main(): Promise<void> {
  process.stdout.write(`${n} creates, ${2 * n} gets, ${concurrency} concurrent clients, ~1 KB objects, through KVStore\n`);
  for (const subject of await subjects()) {
    try {
      const { creates, gets } = await measure(subject);
      process.stdout.write(`${subject.name.padEnd(28)} creates/s ${String(creates).padStart(7)}   gets/s ${String(gets).padStart(7)}\n`);
    } finally {
      await subject.cleanup();
    }
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
