import { expect } from 'chai';
import { parseFieldSelector } from '../../../fields/selector';
import { parseLabelSelector } from '../../../labels/selector';
import type { KObject } from '../../../runtime/object';
import type { Interface } from '../../interfaces';
import { everything, type SelectionPredicate } from '../../selection-predicate';
import type { WatchEvent } from '../../watch';
import type { Cacher } from '../cacher';
import { EventReader, newPodCacher, podAttrs, podKey, testPod } from './pods';
import { rng } from './rng';

export interface ConsistencyFixture {
  /** A fresh, empty backend storage (KVStore over memory, etcd …). */
  backend: Interface;
  teardown(): Promise<void>;
}

export interface ConsistencyOptions {
  writers: number;
  opsPerWriter: number;
  watchers: number;
  /** Seed of the pseudo-random choices, so a failure can be replayed. */
  seed?: number;
}

type Mode = 'from-revision' | 'list-then-watch' | 'consistent-list-then-watch' | 'watch-list';

interface Started {
  mode: Mode;
  key: string;
  predicate: SelectionPredicate;
  /** The revision the watch continues from; the initial state (if any) is the backend's at it. */
  from: number;
  initial: KObject[];
  reader: EventReader;
}

const rvOf = (o: KObject) => Number(o.metadata?.resourceVersion);
const selecting = (label: string, field: string): SelectionPredicate => ({ ...everything(podAttrs), label: parseLabelSelector(label), field: parseFieldSelector(field) });
const scopes = [
  { key: '/pods', predicate: () => selecting('', '') },
  { key: '/pods/ns1', predicate: () => selecting('', '') },
  { key: '/pods', predicate: () => selecting('app=x', '') },
  { key: '/pods', predicate: () => selecting('', 'spec.nodeName=n1') },
  { key: '/pods/ns2', predicate: () => selecting('app in (x,y)', 'spec.nodeName!=n2') },
];
const withBookmarks = (p: SelectionPredicate): SelectionPredicate => ({ ...p, allowWatchBookmarks: true });
const changes = (evs: WatchEvent[]) => evs.filter((e) => e.type !== 'BOOKMARK').map((e) => ({ type: e.type, object: e.object }));

/**
 * Concurrent writers and watchers against a Cacher and its backend: every watch the cacher serves —
 * from a revision, after a LIST from the cache, or as a WatchList — must deliver exactly the event
 * sequence the backend itself delivers from the same revision with the same selection, and every
 * LIST and initial state must equal the backend's state at the revision it claims.
 */
export function runCacherConsistency(name: string, setup: () => Promise<ConsistencyFixture>, opts: ConsistencyOptions): void {
  describe(`cacher consistency under concurrency: ${name}`, function () {
    this.timeout(120_000);
    let f: ConsistencyFixture;
    let cacher: Cacher;
    beforeEach(async () => {
      f = await setup();
      cacher = await newPodCacher(f.backend, { bookmarkIntervalMs: 50, watcherBufferSize: 100_000 });
    });
    afterEach(async () => {
      await cacher.destroy();
      await f.teardown();
    });

    it('gives every watcher exactly the backend event sequence from its start revision', async () => {
      const random = rng(opts.seed ?? Number(process.env.KAPI_CACHER_SEED ?? 20261123));
      const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
      const written: number[] = [];
      const names = Array.from({ length: 24 }, (_, i) => ({ name: `p${i}`, ns: i % 2 ? 'ns1' : 'ns2' }));
      const writer = async () => {
        for (let i = 0; i < opts.opsPerWriter; i++) {
          const { name: n, ns } = pick(names);
          const key = podKey(testPod(n, ns));
          const labels = { app: pick(['x', 'y', 'z']) };
          const node = pick(['n1', 'n2', '']);
          const op = random();
          try {
            const out =
              op < 0.4
                ? await cacher.create(key, testPod(n, ns, labels, node))
                : op < 0.8
                  ? await cacher.guaranteedUpdate(key, { tryUpdate: async (c) => ({ obj: { ...c, metadata: { ...c.metadata, labels }, spec: { nodeName: node } } }) })
                  : await cacher.delete(key);
            written.push(rvOf(out));
          } catch (err) {
            if (!(err instanceof Error && err.name === 'StorageError')) throw err;
          }
        }
      };
      const started: Started[] = [];
      const starter = async () => {
        for (let i = 0; i < opts.watchers; i++) {
          await new Promise((r) => setTimeout(r, random() * 20));
          started.push(await startWatch(cacher, pick(['from-revision', 'list-then-watch', 'consistent-list-then-watch', 'watch-list']), pick(scopes), written));
        }
      };
      await Promise.all([...Array.from({ length: opts.writers }, writer), starter()]);
      const final = await f.backend.getCurrentResourceVersion();
      expect(written.length).to.be.greaterThan(opts.writers * opts.opsPerWriter * 0.3);

      for (const s of started) {
        const label = `${s.mode} ${s.key} ${s.predicate.label.toString()} ${s.predicate.field.toString()} from ${s.from}`;
        const reached = await s.reader.until((evs) => evs.some((e) => e.type === 'BOOKMARK' && rvOf(e.object as KObject) >= final), 10_000);
        expect(
          reached,
          `${label}: no bookmark at ${final}; ended=${s.reader.ended}; cache at ${cacher.watchCache.resourceVersion}; last ${JSON.stringify(s.reader.events.slice(-3).map((e) => [e.type, (e.object as KObject).metadata?.resourceVersion]))} of ${s.reader.events.length}`,
        ).to.equal(true);
        await settle(s.reader);
        s.reader.watch.stop();
        if (s.mode !== 'from-revision') {
          const state = await f.backend.getList(s.key, { predicate: s.predicate, recursive: true, resourceVersion: String(s.from), resourceVersionMatch: 'Exact' });
          expect(s.initial, `${label}: initial state`).to.deep.equal(state.items);
        }
        const expected = await backendEvents(f.backend, s, final);
        const got = changes(s.reader.events.filter((e) => e.type === 'BOOKMARK' || rvOf(e.object as KObject) <= final));
        expect(got, `${label}: events`).to.deep.equal(expected);
      }
    });
  });
}

/** Opens one watch on the cacher the way a client of the given mode would. */
async function startWatch(cacher: Cacher, mode: Mode, scope: (typeof scopes)[number], written: number[]): Promise<Started> {
  const predicate = withBookmarks(scope.predicate());
  const base = { mode, key: scope.key, predicate };
  if (mode === 'from-revision') {
    const from = written.length ? written[Math.floor(written.length / 2)] : await cacher.getCurrentResourceVersion();
    await cacher.watchCache.waitUntilFresh(from, 3000);
    const w = await cacher.watch(scope.key, { resourceVersion: String(from), predicate, recursive: true });
    return { ...base, from, initial: [], reader: new EventReader(w) };
  }
  if (mode === 'watch-list') {
    const reader = new EventReader(await cacher.watch(scope.key, { predicate, recursive: true, sendInitialEvents: true }));
    await reader.until((evs) => evs.some((e) => e.type === 'BOOKMARK'), 5000);
    const end = reader.events.findIndex((e) => e.type === 'BOOKMARK');
    const initial = reader.events.slice(0, end).map((e) => e.object as KObject);
    const from = rvOf(reader.events[end].object as KObject);
    reader.events.splice(0, end + 1);
    return { ...base, from, initial, reader };
  }
  const list = await cacher.getList(scope.key, { predicate, recursive: true, resourceVersion: mode === 'list-then-watch' ? '0' : undefined });
  const w = await cacher.watch(scope.key, { resourceVersion: list.resourceVersion, predicate, recursive: true });
  return { ...base, from: Number(list.resourceVersion), initial: list.items, reader: new EventReader(w) };
}

/** The backend's own watch from the same revision with the same selection, up to revision final. */
async function backendEvents(backend: Interface, s: Started, final: number): Promise<{ type: string; object: unknown }[]> {
  const w = await backend.watch(s.key, { resourceVersion: String(s.from), predicate: s.predicate, recursive: true });
  const reader = new EventReader(w);
  // Progress bookmarks end the wait early where the backend vouches for them; otherwise the
  // stream must fall quiet (every write is done, so a quiet replay is a complete one).
  const progress = setInterval(() => void backend.requestWatchProgress?.().catch(() => undefined), 100);
  try {
    await reader.until((evs) => evs.some((e) => rvOf(e.object as KObject) >= final), 2000);
    // Generous: a replay cut short here shows up as events the cacher "invented".
    await settle(reader, 1000);
  } finally {
    clearInterval(progress);
    w.stop();
  }
  return changes(reader.events.filter((e) => e.type === 'BOOKMARK' || rvOf(e.object as KObject) <= final));
}

/**
 * Waits until a stream has been quiet for a moment. A bookmark alone does not prove the events
 * before it arrived: etcd before 3.4.24 can send progress ahead of events in flight (etcd#15220).
 */
async function settle(reader: EventReader, quietMs = 200): Promise<void> {
  const changesSoFar = () => reader.events.filter((e) => e.type !== 'BOOKMARK').length;
  for (;;) {
    const seen = changesSoFar();
    await new Promise((r) => setTimeout(r, quietMs));
    if (changesSoFar() === seen) return;
  }
}
