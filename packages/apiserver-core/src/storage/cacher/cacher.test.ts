import { expect } from 'chai';
import { parseFieldSelector } from '../../fields/selector';
import { parseLabelSelector } from '../../labels/selector';
import type { KObject } from '../../runtime/object';
import { KVStore } from '../kv/kv-store';
import { initialEventsEndAnnotation } from '../kv/kv-watcher';
import { MemoryKV } from '../memory/memory-kv';
import { everything, type SelectionPredicate } from '../selection-predicate';
import { runStorageConformance } from '../testing/conformance';
import type { Cacher } from './cacher';
import { CacheWatcher } from './cache-watcher';
import { DelegatingStorage } from './testing/delegating-storage';
import { describeEvent, EventReader, evictHistoryThrough, newPodCacher, podAttrs, testPod } from './testing/pods';
import { eventually } from '../../testing/eventually';

const key = (name: string, ns = 'ns') => `/pods/${ns}/${name}`;
const rvOf = (o: KObject) => Number(o.metadata?.resourceVersion);
const sel = (label = '', field = '', extra: Partial<SelectionPredicate> = {}): SelectionPredicate => ({
  ...everything(podAttrs),
  label: parseLabelSelector(label),
  field: parseFieldSelector(field),
  ...extra,
});
const moveTo = (s: Cacher, name: string, nodeName: string) => s.guaranteedUpdate(key(name), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName } } }) });

runStorageConformance('cacher over memory', async () => {
  const kv = new MemoryKV();
  // A small fixed history, so compaction reaches the cache through eviction as it does in production.
  const cacher = await newPodCacher(new KVStore(kv, { pathPrefix: '/registry' }), { cacheSize: 16, maxCacheSize: 16 });
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

describe('Cacher', function () {
  this.timeout(20000);
  let kv: MemoryKV;
  let backend: DelegatingStorage;
  let cacher: Cacher;
  const setup = async (extra: Parameters<typeof newPodCacher>[1] = {}) => {
    kv = new MemoryKV();
    backend = new DelegatingStorage(new KVStore(kv, { pathPrefix: '/registry', newFunc: () => ({ apiVersion: 'v1', kind: 'Pod' }) }));
    cacher = await newPodCacher(backend, extra);
  };
  afterEach(async () => {
    await cacher?.destroy();
    await kv?.close();
  });

  describe('reads', () => {
    beforeEach(() => setup());

    it('serves GET and LIST with resourceVersion=0 from the cache, without reading the backend', async () => {
      const a = await cacher.create(key('a'), testPod('a'));
      await cacher.create(key('b'), testPod('b'));
      await cacher.watchCache.waitUntilFresh(rvOf(a) + 1, 1000);
      const before = { ...backend.calls };
      const got = await cacher.get(key('a'), { resourceVersion: '0' });
      const list = await cacher.getList('/pods/ns', { resourceVersion: '0', predicate: sel(), recursive: true });
      expect(got?.metadata?.resourceVersion).to.equal(a.metadata?.resourceVersion);
      expect(list.items.map((o) => o.metadata?.name)).to.deep.equal(['a', 'b']);
      expect(backend.calls.get ?? 0).to.equal(before.get ?? 0);
      expect(backend.calls.getList ?? 0).to.equal(before.getList ?? 0);
    });

    it('answers a LIST as the stored JSON of the selected items, the same objects getList decodes', async () => {
      const a = await cacher.create(key('a'), testPod('a', 'ns', { app: 'x' }));
      const b = await cacher.create(key('b'), testPod('b', 'ns', { app: 'y' }));
      await cacher.watchCache.waitUntilFresh(rvOf(b), 1000);
      const before = { ...backend.calls };
      const opts = { resourceVersion: '0', predicate: sel('app=y'), recursive: true };
      const raw = await cacher.getListRawJSON('/pods/ns', opts);
      const decoded = await cacher.getList('/pods/ns', opts);
      expect(raw?.resourceVersion).to.equal(decoded.resourceVersion);
      expect(raw?.items.map((j) => JSON.parse(j) as KObject)).to.deep.equal(decoded.items);
      expect(raw?.items.map((j) => (JSON.parse(j) as KObject).metadata?.name)).to.deep.equal(['b']);
      expect(backend.calls.getList ?? 0).to.equal(before.getList ?? 0);
      expect(rvOf(a)).to.be.below(rvOf(b));
    });

    it('leaves to getList a LIST the cache cannot answer (continue, or an item stored without apiVersion/kind)', async () => {
      await cacher.create(key('a'), testPod('a'));
      const withContinue = { resourceVersion: '0', predicate: sel('', '', { continue: 'x' }), recursive: true };
      expect(await cacher.getListRawJSON('/pods/ns', withContinue)).to.equal(undefined);
      const untyped = await cacher.create(key('u'), { metadata: { name: 'u', namespace: 'ns' } } as KObject);
      await cacher.watchCache.waitUntilFresh(rvOf(untyped), 1000);
      expect(await cacher.getListRawJSON('/pods/ns', { resourceVersion: '0', predicate: sel(), recursive: true })).to.equal(undefined);
    });

    it('hands out copies: mutating a read object does not change the cache', async () => {
      const a = await cacher.create(key('a'), testPod('a', 'ns', { app: 'x' }));
      await cacher.watchCache.waitUntilFresh(rvOf(a), 1000);
      const got = (await cacher.get(key('a'), { resourceVersion: '0' }))!;
      got.metadata!.labels = { app: 'changed' };
      expect((await cacher.get(key('a'), { resourceVersion: '0' }))?.metadata?.labels).to.deep.equal({ app: 'x' });
    });

    it('answers a consistent LIST from the cache after catching up with a write to another resource', async () => {
      await cacher.create(key('a'), testPod('a'));
      // A write elsewhere moves the backend's revision; only a progress notification tells the cache.
      const other = await new KVStore(kv, { pathPrefix: '/registry' }).create('/configmaps/ns/c', { metadata: { name: 'c' } });
      const before = backend.calls.getList ?? 0;
      const list = await cacher.getList('/pods/ns', { predicate: sel(), recursive: true });
      expect(Number(list.resourceVersion)).to.be.at.least(rvOf(other));
      expect(list.items).to.have.length(1);
      expect(backend.calls.getList ?? 0).to.equal(before);
    });

    it('falls back to the backend when the cache cannot catch up in time', async () => {
      await cacher.destroy();
      await setup({ freshnessTimeoutMs: 200 });
      backend.progress = false;
      const other = await new KVStore(kv, { pathPrefix: '/registry' }).create('/configmaps/ns/c', { metadata: { name: 'c' } });
      const before = backend.calls.getList ?? 0;
      const list = await cacher.getList('/pods/ns', { predicate: sel(), recursive: true });
      expect(backend.calls.getList).to.equal(before + 1);
      expect(Number(list.resourceVersion)).to.be.at.least(rvOf(other));
    });

    it('watches from a revision the backend reached before the cache, without progress notifications', async () => {
      await cacher.destroy();
      await setup({ freshnessTimeoutMs: 200 });
      backend.progress = false;
      await cacher.create(key('a'), testPod('a'));
      // Writes to another resource move the backend's revision; the pod cache never hears of them.
      const other = await new KVStore(kv, { pathPrefix: '/registry' }).create('/configmaps/ns/c', { metadata: { name: 'c' } });
      expect(cacher.watchCache.resourceVersion).to.be.below(rvOf(other));
      const w = await cacher.watch('/pods/ns', { predicate: sel(), recursive: true, resourceVersion: String(rvOf(other)) });
      const events = new EventReader(w);
      const b = await cacher.create(key('b'), testPod('b'));
      expect((await events.take(1)).map(describeEvent)).to.deep.equal([`ADDED b@${rvOf(b)}`]);
      w.stop();
      const tooLarge = await cacher.watch('/pods/ns', { predicate: sel(), recursive: true, resourceVersion: String(rvOf(b) + 100) }).catch((e: Error) => e);
      expect((tooLarge as Error).message).to.match(/^Too large resource version: \d+, current: \d+$/);
    });

    it('sends consistent reads to the backend when consistentReadsFromCache is off', async () => {
      await cacher.destroy();
      await setup({ consistentReadsFromCache: false });
      await cacher.create(key('a'), testPod('a'));
      const before = backend.calls.getList ?? 0;
      await cacher.getList('/pods/ns', { predicate: sel(), recursive: true });
      await cacher.getList('/pods/ns', { predicate: sel(), recursive: true, resourceVersion: '0' });
      expect(backend.calls.getList).to.equal(before + 1);
    });

    it('sends Exact, limit and continue to the backend', async () => {
      const a = await cacher.create(key('a'), testPod('a'));
      const before = backend.calls.getList ?? 0;
      await cacher.getList('/pods/ns', { predicate: sel('', '', { limit: 1 }), recursive: true });
      await cacher.getList('/pods/ns', { predicate: sel(), recursive: true, resourceVersion: a.metadata?.resourceVersion, resourceVersionMatch: 'Exact' });
      expect(backend.calls.getList).to.equal(before + 2);
    });

    it('lists by the spec.nodeName index with the other selectors applied', async () => {
      await cacher.create(key('a'), testPod('a', 'ns', { app: 'x' }, 'n1'));
      await cacher.create(key('b'), testPod('b', 'ns', { app: 'y' }, 'n1'));
      await cacher.create(key('c'), testPod('c', 'ns', { app: 'x' }, 'n2'));
      await cacher.create(key('d', 'other'), testPod('d', 'other', { app: 'x' }, 'n1'));
      const list = await cacher.getList('/pods/ns', { predicate: sel('app=x', 'spec.nodeName=n1'), recursive: true });
      expect(list.items.map((o) => o.metadata?.name)).to.deep.equal(['a']);
      const all = await cacher.getList('/pods', { predicate: sel('', 'spec.nodeName=n1'), recursive: true });
      expect(all.items.map((o) => o.metadata?.name)).to.deep.equal(['a', 'b', 'd']);
    });

    it('passes the cached object to guaranteedUpdate and delete, saving the backend a read', async () => {
      const a = await cacher.create(key('a'), testPod('a'));
      await cacher.watchCache.waitUntilFresh(rvOf(a), 1000);
      await moveTo(cacher, 'a', 'n1');
      expect(backend.calls.guaranteedUpdateFromCached).to.equal(1);
    });
  });

  describe('watch', () => {
    it('answers a start revision older than the event history with a 410 Expired ERROR event', async () => {
      await setup({ cacheSize: 4, maxCacheSize: 4 });
      const first = await cacher.create(key('a'), testPod('a'));
      for (let i = 0; i < 8; i++) await moveTo(cacher, 'a', `n${i}`);
      const last = await cacher.create(key('z'), testPod('z'));
      await cacher.watchCache.waitUntilFresh(rvOf(last), 1000);
      const expired = new EventReader(await cacher.watch('/pods', { resourceVersion: String(rvOf(first)), predicate: sel(), recursive: true }));
      const [ev] = await expired.take(1);
      expect(ev.type).to.equal('ERROR');
      expect(ev.object).to.include({ code: 410, reason: 'Expired' });
      await expired.until(() => false, 200);
      expect(expired.ended).to.equal(true);
      // Within the history the same watch replays exactly.
      const recent = new EventReader(await cacher.watch('/pods', { resourceVersion: String(rvOf(last) - 2), predicate: sel(), recursive: true }));
      expect((await recent.take(2)).map(describeEvent)).to.deep.equal([`MODIFIED a@${rvOf(last) - 1}`, `ADDED z@${rvOf(last)}`]);
      recent.watch.stop();
    });

    it('sends a bookmark with the cache revision to watchers that allow them, and none to others', async () => {
      await setup({ bookmarkIntervalMs: 100 });
      const a = await cacher.create(key('a'), testPod('a'));
      const withBm = new EventReader(await cacher.watch('/pods', { resourceVersion: String(rvOf(a)), predicate: sel('', '', { allowWatchBookmarks: true }), recursive: true }));
      const without = new EventReader(await cacher.watch('/pods', { resourceVersion: String(rvOf(a)), predicate: sel(), recursive: true }));
      const b = await cacher.create(key('b'), testPod('b'));
      expect(await withBm.until((evs) => evs.some((e) => e.type === 'BOOKMARK'), 3000)).to.equal(true);
      const bm = withBm.events.find((e) => e.type === 'BOOKMARK')!;
      expect(rvOf(bm.object as KObject)).to.be.at.least(rvOf(b));
      expect((bm.object as KObject).kind).to.equal('Pod');
      await without.until(() => false, 300);
      expect(without.events.map((e) => e.type)).to.deep.equal(['ADDED']);
      withBm.watch.stop();
      without.watch.stop();
    });

    it('serves a WatchList: the state as ADDED, the initial-events-end bookmark, then changes', async () => {
      await setup();
      await cacher.create(key('a'), testPod('a'));
      const b = await cacher.create(key('b'), testPod('b'));
      const r = new EventReader(await cacher.watch('/pods', { sendInitialEvents: true, predicate: sel('', '', { allowWatchBookmarks: true }), recursive: true }));
      const c = await cacher.create(key('c'), testPod('c'));
      const evs = await r.take(4);
      expect(evs.map((e) => e.type)).to.deep.equal(['ADDED', 'ADDED', 'BOOKMARK', 'ADDED']);
      const bm = evs[2].object as KObject;
      expect(bm.metadata?.annotations).to.deep.equal({ [initialEventsEndAnnotation]: 'true' });
      expect(rvOf(bm)).to.be.at.least(rvOf(b)).and.lessThan(rvOf(c));
      r.watch.stop();
    });

    it('terminates a watcher that stops reading, without holding back the others', async () => {
      await setup({ watcherBufferSize: 10 });
      const slow = (await cacher.watch('/pods', { resourceVersion: '0', predicate: sel(), recursive: true })) as CacheWatcher;
      const fast = new EventReader(await cacher.watch('/pods', { resourceVersion: '0', predicate: sel(), recursive: true }));
      for (let i = 0; i < 40; i++) await cacher.create(key(`p${i}`), testPod(`p${i}`));
      expect(await fast.until((evs) => evs.length === 40)).to.equal(true);
      expect(slow.terminatedAsSlow).to.equal(true);
      expect(cacher.watchers.size).to.equal(1);
      const drained = new EventReader(slow);
      await drained.until(() => false, 200);
      expect(drained.ended).to.equal(true);
      expect(drained.events.length).to.be.at.most(10);
      fast.watch.stop();
    });

    it('wakes only the watchers whose spec.nodeName an event touches, and shares each event between them', async () => {
      await setup();
      await cacher.create(key('a'), testPod('a', 'ns', {}, 'n1'));
      const open = (field: string) => cacher.watch('/pods', { resourceVersion: '0', predicate: sel('', field), recursive: true }) as Promise<CacheWatcher>;
      const n1a = await open('spec.nodeName=n1');
      const n1b = await open('spec.nodeName=n1');
      const n2 = await open('spec.nodeName=n2');
      expect(cacher.watchers.indexedCount('n1')).to.equal(2);
      const woken = new Map<CacheWatcher, number>();
      for (const w of [n1a, n1b, n2]) {
        const orig = w.dispatch.bind(w);
        w.dispatch = (d) => {
          woken.set(w, (woken.get(w) ?? 0) + 1);
          orig(d);
        };
      }
      const [ra, rb, r2] = [n1a, n1b, n2].map((w) => new EventReader(w));
      await cacher.create(key('b'), testPod('b', 'ns', {}, 'n1'));
      await cacher.create(key('c'), testPod('c', 'ns', {}, 'n3'));
      const moved = await moveTo(cacher, 'a', 'n2');
      await ra.take(3);
      await r2.take(1);
      expect(ra.events.map(describeEvent)).to.deep.equal(rb.events.map(describeEvent));
      expect(ra.events.map((e) => e.type)).to.deep.equal(['ADDED', 'ADDED', 'DELETED']);
      expect(r2.events.map(describeEvent)).to.deep.equal([`ADDED a@${rvOf(moved)}`]);
      expect(woken.get(n2)).to.equal(1);
      expect(woken.get(n1a)).to.equal(2);
      // The same event object reaches both n1 watchers: the handler serializes it once.
      expect(ra.events[1]).to.equal(rb.events[1]);
      for (const r of [ra, rb, r2]) r.watch.stop();
    });

    it('re-lists after losing history, ending watchers, which then get 410 or continue from the new list', async () => {
      await setup();
      const a = await cacher.create(key('a'), testPod('a'));
      const old = new EventReader(await cacher.watch('/pods', { resourceVersion: String(rvOf(a)), predicate: sel(), recursive: true }));
      backend.cutWatches();
      const b = await cacher.create(key('b'), testPod('b'));
      await kv.compact(rvOf(b));
      await eventually(() => expect({ lists: cacher.listCount, ready: cacher.isReady }).to.deep.equal({ lists: 2, ready: true }), 5000);
      await old.until(() => false, 100);
      expect(old.ended).to.equal(true);
      const stale = new EventReader(await cacher.watch('/pods', { resourceVersion: String(rvOf(a)), predicate: sel(), recursive: true }));
      expect((await stale.take(1))[0].object).to.include({ code: 410 });
      const list = await cacher.getList('/pods', { resourceVersion: '0', predicate: sel(), recursive: true });
      expect(list.items.map((o) => o.metadata?.name)).to.deep.equal(['a', 'b']);
      const resumed = new EventReader(await cacher.watch('/pods', { resourceVersion: list.resourceVersion, predicate: sel(), recursive: true }));
      const c = await cacher.create(key('c'), testPod('c'));
      expect((await resumed.take(1)).map(describeEvent)).to.deep.equal([`ADDED c@${rvOf(c)}`]);
      resumed.watch.stop();
    });

    it('re-lists when the backend comes back at an older revision (restored from a backup)', async () => {
      await setup();
      for (const n of ['a', 'b', 'c', 'd']) await cacher.create(key(n), testPod(n));
      const restoredKV = new MemoryKV();
      const restored = new KVStore(restoredKV, { pathPrefix: '/registry' });
      await restored.create(key('x'), testPod('x'));
      backend.inner = restored;
      backend.cutWatches();
      await eventually(() => expect({ lists: cacher.listCount, ready: cacher.isReady }).to.deep.equal({ lists: 2, ready: true }), 5000);
      const list = await cacher.getList('/pods', { resourceVersion: '0', predicate: sel(), recursive: true });
      expect(list.items.map((o) => o.metadata?.name)).to.deep.equal(['x']);
      expect(list.resourceVersion).to.equal(String(await restored.getCurrentResourceVersion()));
      await restoredKV.close();
    });
  });
});
