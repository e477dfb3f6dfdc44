/**
 * The apiserver-core Cacher in front of a real etcd: the storage conformance suite through the
 * cacher (as kube-apiserver runs its store tests against the cacher), the randomized consistency
 * test, and etcd going away and coming back under open watches.
 */
import { storage, type KObject } from '@kapi/apiserver-core';
import { customResourceConformanceResource, runCacherConsistency, runCacherPressure, runStorageConformance } from '@kapi/apiserver-core/testing';
import { expect } from 'chai';
import { EtcdKV } from './etcd-kv';
import { startEtcd, type EtcdProcess } from './testing/start-etcd';

const { EventReader, evictHistoryThrough, newPodCacher, podKey, testPod } = storage.cacherTesting;

let etcd: EtcdProcess;
let n = 0;
const prefix = () => `/cacher-${process.pid}-${++n}/registry`;
const newFunc = () => ({ apiVersion: 'v1', kind: 'Pod' });

before(async function () {
  this.timeout(30000);
  etcd = await startEtcd();
});
after(async () => etcd?.stop());

runStorageConformance('cacher over etcd3', async () => {
  const kv = new EtcdKV({ servers: [etcd.endpoint] });
  // A small fixed history, so compaction reaches the cache through eviction as it does in production.
  const cacher = await newPodCacher(new storage.KVStore(kv, { pathPrefix: prefix(), newFunc }), { cacheSize: 16, maxCacheSize: 16 });
  return {
    storage: cacher,
    compact: async (rev) => {
      await kv.compact(rev);
      await evictHistoryThrough(cacher, rev);
    },
    teardown: async () => {
      await cacher.destroy();
      await kv.close();
    },
  };
});

// The watch cache of a custom resource over etcd: the CR handler's storage, unstructured objects under /<group>/<plural>.
runStorageConformance(
  'cacher over etcd3',
  async () => {
    const kv = new EtcdKV({ servers: [etcd.endpoint] });
    const cacher = await storage.newCustomResourceCacher(new storage.KVStore(kv, { pathPrefix: prefix() }), { cacheSize: 16, maxCacheSize: 16 });
    return {
      storage: cacher,
      compact: async (rev) => {
        await kv.compact(rev);
        await evictHistoryThrough(cacher, rev, storage.customResourceFiller(), storage.customResourceKey);
      },
      teardown: async () => {
        await cacher.destroy();
        await kv.close();
      },
    };
  },
  customResourceConformanceResource,
);

runCacherConsistency(
  'etcd3',
  async () => {
    const kv = new EtcdKV({ servers: [etcd.endpoint] });
    return { backend: new storage.KVStore(kv, { pathPrefix: prefix(), newFunc }), teardown: () => kv.close() };
  },
  { writers: 4, opsPerWriter: 60, watchers: 12 },
);

runCacherPressure(
  'etcd3',
  async () => {
    const kv = new EtcdKV({ servers: [etcd.endpoint] });
    return { backend: new storage.KVStore(kv, { pathPrefix: prefix(), newFunc }), compact: (rev) => kv.compact(rev), teardown: () => kv.close() };
  },
  { writers: 8, durationMs: 3500, clients: 6, cacheSize: 20, watcherBufferSize: 20, compactIntervalMs: 800, slowPauseMs: 500 },
);

describe('cacher over etcd3: etcd restarts', function () {
  this.timeout(60000);

  it('resumes from its revision after etcd restarts: open watches continue without loss or re-list', async () => {
    const kv = new EtcdKV({ servers: [etcd.endpoint], requestTimeoutMs: 2000 });
    const cacher = await newPodCacher(new storage.KVStore(kv, { pathPrefix: prefix(), newFunc }));
    try {
      const key = (name: string) => podKey(testPod(name));
      const a = await cacher.create(key('a'), testPod('a'));
      const reader = new EventReader(await cacher.watch('/pods', { resourceVersion: a.metadata?.resourceVersion, predicate: storage.everything(), recursive: true }));
      await cacher.create(key('b'), testPod('b'));
      await etcd.kill();
      await etcd.restart();
      let c: KObject | undefined;
      for (let i = 0; i < 50 && !c; i++) {
        c = await cacher.create(key('c'), testPod('c')).catch(async () => {
          await new Promise((r) => setTimeout(r, 200));
          return undefined;
        });
      }
      expect(await reader.until((evs) => evs.length >= 2, 15000)).to.equal(true);
      expect(reader.events.map((e) => `${e.type} ${(e.object as KObject).metadata?.name}`)).to.deep.equal(['ADDED b', 'ADDED c']);
      expect(reader.ended).to.equal(false);
      expect(cacher.listCount).to.equal(1);
      const list = await cacher.getList('/pods', { predicate: storage.everything(), recursive: true });
      expect(list.items.map((o) => o.metadata?.name)).to.deep.equal(['a', 'b', 'c']);
      reader.watch.stop();
    } finally {
      await cacher.destroy();
      await kv.close();
    }
  });
});
