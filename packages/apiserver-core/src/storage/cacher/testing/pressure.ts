import { expect } from 'chai';
import { parseFieldSelector } from '../../../fields/selector';
import { parseLabelSelector } from '../../../labels/selector';
import type { KObject } from '../../../runtime/object';
import type { Interface } from '../../interfaces';
import { everything, type SelectionPredicate } from '../../selection-predicate';
import type { Watch, WatchEvent } from '../../watch';
import type { Cacher } from '../cacher';
import { EventReader, newPodCacher, podAttrs, podKey, testPod } from './pods';
import { rng } from './rng';

export interface PressureFixture {
  /** A fresh, empty backend storage. */
  backend: Interface;
  /** Compacts the backend's history up to revision (etcd's Compact). */
  compact(revision: number): Promise<void>;
  teardown(): Promise<void>;
}

export interface PressureOptions {
  writers: number;
  /** How long the writers write (the run is bounded by time, not by the backend's speed). */
  durationMs: number;
  clients: number;
  /** The cache's event history, fixed (no growth): small, so history is evicted under the clients. */
  cacheSize: number;
  /** Live events a watcher may have pending before the cacher terminates it. */
  watcherBufferSize: number;
  /** The backend is compacted every interval up to the revision seen at the previous tick (kube's compactor). */
  compactIntervalMs: number;
  /** How long a slow client stops reading (long enough for more than watcherBufferSize events to arrive). */
  slowPauseMs: number;
  seed?: number;
}

/** One watch a client held: what the cacher sent, and the backend's own watch from the same revision. */
interface Segment {
  label: string;
  from: number;
  events: WatchEvent[];
  end: 'expired' | 'terminated' | 'open';
  twin: EventReader;
}

interface Tally {
  compactions: number;
  expired: number;
  terminated: number;
  relists: number;
  initialChecked: number;
  initialUncheckable: number;
  /** Segments whose revision the backend had compacted before its own watch opened. */
  uncheckable: number;
  segments: Segment[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rvOf = (o: unknown) => Number((o as KObject).metadata?.resourceVersion);
const isChange = (e: WatchEvent) => e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED';
const changes = (evs: WatchEvent[]) => evs.filter(isChange).map((e) => ({ type: e.type, object: e.object }));
const scopes: { key: string; predicate: () => SelectionPredicate }[] = [
  { key: '/pods', predicate: () => ({ ...everything(podAttrs), allowWatchBookmarks: true }) },
  { key: '/pods/ns1', predicate: () => ({ ...everything(podAttrs), allowWatchBookmarks: true }) },
  {
    key: '/pods',
    predicate: () => ({ ...everything(podAttrs), label: parseLabelSelector('app in (x,y)'), field: parseFieldSelector('spec.nodeName!=n2'), allowWatchBookmarks: true }),
  },
];

/**
 * Reads a cacher watch like a client that falls behind when slow: after a few events it stops reading
 * for a while, so the cacher's bounded buffer fills and the cacher terminates the watch, as kube does;
 * then it drains what was buffered.
 * Returns why reading stopped: a 410 ERROR, the stream's end, or a bookmark at the final revision.
 */
async function readWatch(w: Watch, events: WatchEvent[], pauseMs: number, final: () => number): Promise<'expired' | 'terminated' | 'open'> {
  let n = 0;
  for await (const ev of w) {
    events.push(ev);
    if (ev.type === 'ERROR') return 'expired';
    if (ev.type === 'BOOKMARK' && rvOf(ev.object) >= final()) return 'open';
    if (pauseMs > 0 && ++n === 20) await sleep(pauseMs);
  }
  return 'terminated';
}

/**
 * The cacher under pressure: a small fixed event history, a backend compacted while clients watch,
 * slow clients the cacher terminates, and clients that resume from their last revision and re-list
 * on 410 Expired, as client-go's reflector does. Every watch the cacher served is compared with the
 * backend's own watch opened from the same revision at the same moment (which compaction does not
 * disturb once open), and every LIST with the backend's state at the list's revision.
 */
export function runCacherPressure(name: string, setup: () => Promise<PressureFixture>, opts: PressureOptions): void {
  describe(`cacher under pressure (history ${opts.cacheSize}, watcher buffer ${opts.watcherBufferSize}, compaction every ${opts.compactIntervalMs} ms): ${name}`, function () {
    this.timeout(120_000);
    let f: PressureFixture;
    let cacher: Cacher;
    beforeEach(async () => {
      f = await setup();
      cacher = await newPodCacher(f.backend, {
        bookmarkIntervalMs: 50,
        cacheSize: opts.cacheSize,
        maxCacheSize: opts.cacheSize,
        watcherBufferSize: opts.watcherBufferSize,
      });
    });
    afterEach(async () => {
      await cacher.destroy();
      await f.teardown();
    });

    it('evicts, expires, terminates and re-lists, and every watch still equals the backend history from its revision', async () => {
      const random = rng(opts.seed ?? Number(process.env.KAPI_CACHER_SEED ?? 20261203));
      const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
      const tally: Tally = { compactions: 0, expired: 0, terminated: 0, relists: 0, initialChecked: 0, initialUncheckable: 0, uncheckable: 0, segments: [] };
      let writing = true;
      let finalRev = Infinity;
      const deadline = Date.now() + opts.durationMs;

      const names = Array.from({ length: 16 }, (_, i) => ({ name: `p${i}`, ns: i % 2 ? 'ns1' : 'ns2' }));
      const writer = async () => {
        while (Date.now() < deadline) {
          // Requests arrive through I/O: yield to timers and readers between writes, as a server does.
          await new Promise((r) => setImmediate(r));
          const { name: n, ns } = pick(names);
          const key = podKey(testPod(n, ns));
          const labels = { app: pick(['x', 'y', 'z']) };
          const node = pick(['n1', 'n2', '']);
          const op = random();
          try {
            if (op < 0.4) await cacher.create(key, testPod(n, ns, labels, node));
            else if (op < 0.85) await cacher.guaranteedUpdate(key, { tryUpdate: async (c) => ({ obj: { ...c, metadata: { ...c.metadata, labels }, spec: { nodeName: node } } }) });
            else await cacher.delete(key);
          } catch (err) {
            if (!(err instanceof Error && err.name === 'StorageError')) throw err;
          }
        }
      };

      const compactor = async () => {
        let seen = 0;
        while (writing) {
          await sleep(opts.compactIntervalMs);
          const current = await f.backend.getCurrentResourceVersion();
          if (seen > 0) {
            await f.compact(seen);
            tally.compactions++;
          }
          seen = current;
        }
      };

      const client = async (id: number) => {
        const scope = scopes[id % scopes.length];
        const predicate = scope.predicate();
        const slow = id % 2 === 1;
        let resumeFrom: number | undefined;
        for (;;) {
          let from: number;
          if (resumeFrom === undefined) {
            const list = await cacher.getList(scope.key, { predicate, recursive: true, resourceVersion: pick(['0', undefined]) });
            tally.relists++;
            from = Number(list.resourceVersion);
            const state = await f.backend
              .getList(scope.key, { predicate, recursive: true, resourceVersion: list.resourceVersion, resourceVersionMatch: 'Exact' })
              .catch(() => undefined);
            if (state) {
              expect(list.items, `client ${id}: LIST at ${from}`).to.deep.equal(state.items);
              tally.initialChecked++;
            } else tally.initialUncheckable++;
          } else from = resumeFrom;
          const twin = new EventReader(await f.backend.watch(scope.key, { resourceVersion: String(from), predicate, recursive: true }));
          const w = await cacher.watch(scope.key, { resourceVersion: String(from), predicate, recursive: true });
          const seg: Segment = { label: `client ${id} (${slow ? 'slow' : 'fast'}) ${scope.key} ${predicate.label.toString()} from ${from}`, from, events: [], end: 'open', twin };
          tally.segments.push(seg);
          seg.end = await readWatch(w, seg.events, slow ? opts.slowPauseMs : 0, () => finalRev);
          w.stop();
          if (seg.end === 'open') return;
          if (seg.end === 'expired') {
            expect(seg.events[seg.events.length - 1].object, seg.label).to.include({ code: 410, reason: 'Expired' });
            tally.expired++;
            resumeFrom = undefined;
            continue;
          }
          tally.terminated++;
          // Resume from the last revision seen, after a reconnect delay during which history moves on.
          resumeFrom = Math.max(from, ...seg.events.map((e) => rvOf(e.object)));
          if (slow) await sleep(150);
        }
      };

      const writers = Promise.all(Array.from({ length: opts.writers }, writer)).then(async () => {
        finalRev = await f.backend.getCurrentResourceVersion();
        writing = false;
      });
      await Promise.all([writers, compactor(), ...Array.from({ length: opts.clients }, (_, i) => client(i))]);
      const final = finalRev;

      // Wait for the backend's own watches (progress notifications let quiet ones vouch they are complete).
      const progress = setInterval(() => void f.backend.requestWatchProgress?.().catch(() => undefined), 100);
      try {
        await Promise.all(
          tally.segments.map(async (seg) => {
            const wanted = seg.events.filter(isChange).length;
            const complete = (evs: WatchEvent[]) => evs.some((e) => e.type === 'ERROR' || rvOf(e.object) >= final) || (seg.end !== 'open' && evs.filter(isChange).length >= wanted);
            await seg.twin.until(complete, 3000);
            seg.twin.watch.stop();
          }),
        );
      } finally {
        clearInterval(progress);
      }
      for (const seg of tally.segments) {
        if (seg.twin.events.some((e) => e.type === 'ERROR')) {
          tally.uncheckable++;
          continue;
        }
        const got = changes(seg.events);
        const expected = changes(seg.twin.events.filter((e) => !isChange(e) || rvOf(e.object) <= final));
        if (seg.end === 'open') expect(got, `${seg.label}: events`).to.deep.equal(expected);
        else expect(got, `${seg.label} (${seg.end}): events`).to.deep.equal(expected.slice(0, got.length));
      }
      // The pressure was real: history was evicted and compacted under the clients.
      if (process.env.KAPI_PRESSURE_TALLY) console.log({ ...tally, segments: tally.segments.length, final });
      expect(tally.compactions, 'compactions').to.be.at.least(2);
      expect(tally.terminated, 'slow watchers terminated').to.be.at.least(1);
      expect(tally.expired, 'watches answered 410 Expired').to.be.at.least(1);
      expect(tally.relists, 're-lists').to.be.greaterThan(opts.clients);
      expect(tally.initialChecked, 'lists compared with the backend').to.be.greaterThan(tally.initialUncheckable);
      expect(tally.segments.length - tally.uncheckable, 'watches compared with the backend').to.be.greaterThan(tally.uncheckable);
    });
  });
}
