/**
 * The watch cache's figures in one process, on the memory backend and on a real etcd:
 *   node --expose-gc --conditions=kapi-source --require tsx/cjs packages/storage-etcd/src/testing/cacher-bench.ts
 * GET/LIST from the cache against the backend, watch fan-out to 1,000 watchers through the cacher
 * against 1,000 backend watches, and the heap the cache takes per object against its JSON size.
 */
import { storage, type KObject } from '@kapi/apiserver-core';
import { EtcdKV } from '../etcd-kv';
import { startEtcd } from './start-etcd';

const { readFigures, fanOut, cacheMemory, benchPod } = storage.cacherBench;
const { newPodCacher, podAttrs } = storage.cacherTesting;
const newFunc = () => ({ apiVersion: 'v1', kind: 'Pod' });

async function fanOutFigures(backend: storage.Interface, watchers: number, writes: number, perSec: number) {
  const cacher = await newPodCacher(backend);
  const pred = storage.everything(podAttrs);
  const from = async () => String(await backend.getCurrentResourceVersion());
  const write = (prefix: string) => (i: number) =>
    backend.create(`/pods/fan/${prefix}-${i}`, { ...benchPod(`fan-${i}`, 'fan'), metadata: { ...benchPod(`fan-${i}`, 'fan').metadata, name: `fan-${i}` } } as KObject);
  try {
    let rv = await from();
    const viaCacher = await fanOut(() => cacher.watch('/pods/fan', { resourceVersion: rv, predicate: pred, recursive: true }), write('c'), watchers, writes, perSec);
    rv = await from();
    const direct = await fanOut(() => backend.watch('/pods/fan', { resourceVersion: rv, predicate: pred, recursive: true }), write('d'), watchers, writes, perSec);
    return { viaCacher, direct };
  } finally {
    await cacher.destroy();
  }
}

async function main(): Promise<void> {
  const figures: Record<string, unknown> = {};
  const mem = new storage.MemoryKV();
  const memStore = new storage.KVStore(mem, { pathPrefix: '/registry', newFunc });
  figures.memoryReads = await readFigures(memStore, 1000);
  figures.memoryFanOut = await fanOutFigures(memStore, 1000, 300, 100);
  figures.cacheMemory = await cacheMemory(new storage.KVStore(new storage.MemoryKV(), { pathPrefix: '/registry', newFunc }), 10_000);
  const etcd = await startEtcd();
  try {
    const kv = new EtcdKV({ servers: [etcd.endpoint] });
    const etcdStore = new storage.KVStore(kv, { pathPrefix: '/bench/registry', newFunc });
    figures.etcdReads = await readFigures(etcdStore, 1000);
    figures.etcdFanOut = await fanOutFigures(etcdStore, 1000, 300, 100);
    await kv.close();
  } finally {
    await etcd.stop();
  }
  process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  },
);
