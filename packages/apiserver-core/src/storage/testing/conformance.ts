import { expect } from 'chai';
import { isStatusError } from '../../api/errors';
import { parseFieldSelector } from '../../fields/selector';
import { parseLabelSelector } from '../../labels/selector';
import type { KObject } from '../../runtime/object';
import { isStorageError } from '../errors';
import type { Interface } from '../interfaces';
import { everything, type SelectionPredicate } from '../selection-predicate';
import type { Watch, WatchEvent } from '../watch';

/** What a backend hands the suite: a fresh, empty storage and how to compact and tear it down. */
export interface ConformanceFixture {
  storage: Interface;
  compact?: (revision: number) => Promise<void>;
  teardown(): Promise<void>;
}

/** The kind of object the suite stores: its key prefix under the store's path prefix, and how one is made. */
export interface ConformanceResource {
  /** Shown in the suite's title. */
  label: string;
  /** `/pods`, or a custom resource's `/<group>/<plural>` as the CR handler keys it. */
  prefix: string;
  newObject(name: string, ns: string, labels: Record<string, string>): KObject;
}

export const podConformanceResource: ConformanceResource = {
  label: 'pods',
  prefix: '/pods',
  newObject: (name, ns, labels) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { nodeName: '' } }),
};

/**
 * A custom resource as the CR handler hands it to storage: unstructured, a group/version apiVersion,
 * a free-form spec (nested lists and maps, floats, nulls, booleans) that must come back as written.
 */
export const customResourceConformanceResource: ConformanceResource = {
  label: 'custom resources',
  prefix: '/stable.example.com/databases',
  newObject: (name, ns, labels) => ({
    apiVersion: 'stable.example.com/v1',
    kind: 'Database',
    metadata: { name, namespace: ns, labels },
    spec: { nodeName: '', engine: 'postgres', tuning: { ratios: [0.5, 2.25, 1e-7], tags: ['a', 'b'], extra: { enabled: true, note: null } } },
  }),
};
const rvOf = (o: KObject | undefined) => Number(o?.metadata?.resourceVersion);

async function nextEvents(w: Watch, n: number, timeoutMs = 5000): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  const it = w[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (out.length < n) {
    const left = deadline - Date.now();
    const r = await Promise.race([it.next(), new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), Math.max(left, 0)))]);
    if (r === 'timeout') throw new Error(`timed out waiting for ${n} events, got ${out.length}: ${JSON.stringify(out.map((e) => e.type))}`);
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

function selecting(label: string, fieldSel = ''): SelectionPredicate {
  return { ...everything(), label: parseLabelSelector(label), field: parseFieldSelector(fieldSel) };
}

async function rejects(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/**
 * The storage.Interface contract (pkg/storage/testing/store_tests.go), run by every backend and by
 * the Cacher against itself: `runStorageConformance('etcd3', async () => fixture)`.
 */
export function runStorageConformance(name: string, setup: () => Promise<ConformanceFixture>, resource: ConformanceResource = podConformanceResource): void {
  const prefix = resource.prefix;
  const pod = (n: string, ns = 'ns', labels: Record<string, string> = {}): KObject => resource.newObject(n, ns, labels);
  const key = (n: string, ns = 'ns') => `${prefix}/${ns}/${n}`;
  const title = resource === podConformanceResource ? `storage conformance: ${name}` : `storage conformance: ${name} (${resource.label})`;
  describe(title, function () {
    this.timeout(20000);
    let f: ConformanceFixture;
    let s: Interface;
    beforeEach(async () => {
      f = await setup();
      s = f.storage;
    });
    afterEach(async () => f.teardown());

    describe('create', () => {
      it('stores the object and stamps a resourceVersion', async () => {
        const out = await s.create(key('a'), pod('a'));
        expect(rvOf(out)).to.be.greaterThan(0);
        const got = await s.get(key('a'), {});
        expect(got?.metadata?.name).to.equal('a');
        expect(got?.metadata?.resourceVersion).to.equal(out.metadata?.resourceVersion);
      });
      it('fails with KeyExists when the key is taken, leaving the stored object alone', async () => {
        const first = await s.create(key('a'), pod('a', 'ns', { v: '1' }));
        const err = await rejects(s.create(key('a'), pod('a', 'ns', { v: '2' })));
        expect(isStorageError(err, 'KeyExists')).to.equal(true);
        const got = await s.get(key('a'), {});
        expect(got?.metadata?.labels).to.deep.equal({ v: '1' });
        expect(got?.metadata?.resourceVersion).to.equal(first.metadata?.resourceVersion);
      });
      it('refuses an object that already carries a resourceVersion', async () => {
        const obj = pod('a');
        obj.metadata!.resourceVersion = '5';
        const err = await rejects(s.create(key('a'), obj));
        expect(isStorageError(err, 'InvalidObj')).to.equal(true);
      });
      it('gives each write a strictly increasing resourceVersion', async () => {
        const a = await s.create(key('a'), pod('a'));
        const b = await s.create(key('b'), pod('b'));
        expect(rvOf(b)).to.be.greaterThan(rvOf(a));
      });
    });

    describe('get', () => {
      it('fails with KeyNotFound for a missing key, or resolves undefined with ignoreNotFound', async () => {
        expect(isStorageError(await rejects(s.get(key('none'), {})), 'KeyNotFound')).to.equal(true);
        expect(await s.get(key('none'), { ignoreNotFound: true })).to.equal(undefined);
      });
      it('rejects a resourceVersion newer than the store has', async () => {
        const a = await s.create(key('a'), pod('a'));
        const err = await rejects(s.get(key('a'), { resourceVersion: String(rvOf(a) + 1000) }));
        expect(isStorageError(err, 'TooLargeResourceVersion')).to.equal(true);
        const current = await s.getCurrentResourceVersion();
        expect((await s.get(key('a'), { resourceVersion: String(current) }))?.metadata?.name).to.equal('a');
      });
    });

    describe('getList', () => {
      beforeEach(async () => {
        for (const n of ['a', 'b', 'c', 'd', 'e']) await s.create(key(n), pod(n, 'ns', { idx: n, even: String('bd'.includes(n)) }));
        await s.create(key('x', 'other'), pod('x', 'other'));
      });
      it('lists one namespace or all of them, in key order, with the list revision', async () => {
        const ns = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true });
        expect(ns.items.map((o) => o.metadata?.name)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
        const all = await s.getList(prefix, { predicate: everything(), recursive: true });
        expect(all.items).to.have.length(6);
        expect(Number(all.resourceVersion)).to.be.at.least(Math.max(...all.items.map(rvOf)));
      });
      it("reports the store's revision as the list's resourceVersion, not its newest item's", async () => {
        const elsewhere = await s.guaranteedUpdate(key('x', 'other'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: 'n' } } }) });
        const ns = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true });
        expect(Number(ns.resourceVersion)).to.be.at.least(rvOf(elsewhere));
        await s.delete(key('e'));
        const after = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true });
        expect(Number(after.resourceVersion)).to.be.greaterThan(rvOf(elsewhere));
        // A watch from the list's revision must not replay what the list already showed.
        const w = await s.watch(`${prefix}/ns`, { resourceVersion: after.resourceVersion, predicate: everything(), recursive: true });
        const b = await s.guaranteedUpdate(key('b'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: 'm' } } }) });
        const evs = await nextEvents(w, 1);
        w.stop();
        expect(evs.map((e) => `${e.type} ${(e.object as KObject).metadata?.name}@${rvOf(e.object as KObject)}`)).to.deep.equal([`MODIFIED b@${rvOf(b)}`]);
      });
      it('does not treat a name prefix as a namespace', async () => {
        await s.create(key('z', 'ns2'), pod('z', 'ns2'));
        const ns = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true });
        expect(ns.items.map((o) => o.metadata?.namespace)).to.deep.equal(['ns', 'ns', 'ns', 'ns', 'ns']);
      });
      it('filters with label and field selectors', async () => {
        const even = await s.getList(`${prefix}/ns`, { predicate: selecting('even=true'), recursive: true });
        expect(even.items.map((o) => o.metadata?.name)).to.deep.equal(['b', 'd']);
        const byName = await s.getList(prefix, { predicate: selecting('', 'metadata.name=c'), recursive: true });
        expect(byName.items.map((o) => o.metadata?.name)).to.deep.equal(['c']);
      });
      it('pages with limit/continue over one consistent snapshot', async () => {
        const p1 = await s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 2 }, recursive: true });
        expect(p1.items.map((o) => o.metadata?.name)).to.deep.equal(['a', 'b']);
        expect(p1.continue).to.be.a('string');
        expect(p1.remainingItemCount).to.equal(3);
        await s.create(key('bb'), pod('bb'));
        await s.delete(key('c'));
        const p2 = await s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 2, continue: p1.continue }, recursive: true });
        expect(p2.items.map((o) => o.metadata?.name)).to.deep.equal(['c', 'd']);
        expect(p2.resourceVersion).to.equal(p1.resourceVersion);
        const p3 = await s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 2, continue: p2.continue }, recursive: true });
        expect(p3.items.map((o) => o.metadata?.name)).to.deep.equal(['e']);
        expect(p3.continue).to.equal(undefined);
      });
      it('fills a page with matching items when a selector skips some', async () => {
        const p1 = await s.getList(`${prefix}/ns`, { predicate: { ...selecting('even=false'), limit: 2 }, recursive: true });
        expect(p1.items.map((o) => o.metadata?.name)).to.deep.equal(['a', 'c']);
        // Only an unfiltered list can count what is left (kube leaves remainingItemCount unset otherwise).
        expect(p1.remainingItemCount).to.equal(undefined);
        const p2 = await s.getList(`${prefix}/ns`, { predicate: { ...selecting('even=false'), limit: 2, continue: p1.continue }, recursive: true });
        expect(p2.items.map((o) => o.metadata?.name)).to.deep.equal(['e']);
      });
      it('reads an Exact resourceVersion as of that revision', async () => {
        const before = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true });
        await s.delete(key('a'));
        const exact = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true, resourceVersion: before.resourceVersion, resourceVersionMatch: 'Exact' });
        expect(exact.items.map((o) => o.metadata?.name)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
      });
      it('answers an Exact list at a compacted revision with 410 Expired, and at an older kept one with its data', async function () {
        if (!f.compact) this.skip();
        const before = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true });
        await s.delete(key('a'));
        const middle = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true });
        await s.delete(key('b'));
        await f.compact!(Number(middle.resourceVersion));
        const kept = await s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true, resourceVersion: middle.resourceVersion, resourceVersionMatch: 'Exact' });
        expect(kept.items.map((o) => o.metadata?.name)).to.deep.equal(['b', 'c', 'd', 'e']);
        expect(kept.resourceVersion).to.equal(middle.resourceVersion);
        const err = await rejects(s.getList(`${prefix}/ns`, { predicate: everything(), recursive: true, resourceVersion: before.resourceVersion, resourceVersionMatch: 'Exact' }));
        expect(isStatusError(err) && { code: err.code, reason: err.reason, message: err.message }).to.deep.equal({
          code: 410,
          reason: 'Expired',
          message: 'The resourceVersion for the provided list is too old.',
        });
      });
      it('answers a continue token whose revision was compacted with 410 Expired', async function () {
        if (!f.compact) this.skip();
        const p1 = await s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 2 }, recursive: true });
        await s.delete(key('a'));
        await f.compact!(await s.getCurrentResourceVersion());
        const err = await rejects(s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 2, continue: p1.continue }, recursive: true }));
        expect(isStatusError(err) && { code: err.code, reason: err.reason }).to.deep.equal({ code: 410, reason: 'Expired' });
        expect((err as Error).message).to.match(
          /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token in this response/,
        );
        // The token in the 410 goes on from where the expired one stopped, at the newest revision.
        const token = isStatusError(err) ? err.toStatus().metadata?.continue : undefined;
        expect(token).to.be.a('string');
        const rest = await s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 10, continue: token }, recursive: true });
        expect(rest.items.map((o) => o.metadata?.name)).to.deep.equal(['c', 'd', 'e']);
      });
      it('rejects a continue token together with a resourceVersion with 400 (etcd3 store)', async () => {
        const p1 = await s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 2 }, recursive: true });
        const both = await rejects(
          s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 2, continue: p1.continue }, recursive: true, resourceVersion: p1.resourceVersion }),
        );
        expect(isStatusError(both) && [both.code, both.message]).to.deep.equal([400, 'specifying resource version is not allowed when using continue']);
      });
      it('rejects a garbage continue token with 400', async () => {
        const err = await rejects(s.getList(`${prefix}/ns`, { predicate: { ...everything(), limit: 1, continue: 'not-a-token' }, recursive: true }));
        expect(isStatusError(err) && err.code).to.equal(400);
      });
      it('counts objects under a prefix', async () => {
        expect(await s.count(`${prefix}/ns`)).to.equal(5);
        expect(await s.count(prefix)).to.equal(6);
      });
    });

    describe('guaranteedUpdate', () => {
      it('applies tryUpdate to the current object and bumps the resourceVersion', async () => {
        const a = await s.create(key('a'), pod('a'));
        const out = await s.guaranteedUpdate(key('a'), {
          tryUpdate: async (cur) => ({ obj: { ...cur, spec: { nodeName: 'n1' } } }),
        });
        expect(rvOf(out)).to.be.greaterThan(rvOf(a));
        expect((await s.get(key('a'), {}))?.spec).to.deep.equal({ nodeName: 'n1' });
      });
      it('does not write (or bump the resourceVersion) when nothing changed', async () => {
        const a = await s.create(key('a'), pod('a'));
        const out = await s.guaranteedUpdate(key('a'), { tryUpdate: async (cur) => ({ obj: cur }) });
        expect(out.metadata?.resourceVersion).to.equal(a.metadata?.resourceVersion);
      });
      it('retries on a concurrent write, seeing the newer object', async () => {
        await s.create(key('a'), pod('a'));
        let calls = 0;
        const out = await s.guaranteedUpdate(key('a'), {
          tryUpdate: async (cur) => {
            calls++;
            if (calls === 1) await s.guaranteedUpdate(key('a'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: 'other' } } }) });
            return { obj: { ...cur, metadata: { ...cur.metadata, labels: { seen: String((cur.spec as { nodeName: string }).nodeName || 'none') } } } };
          },
        });
        expect(calls).to.equal(2);
        expect(out.metadata?.labels).to.deep.equal({ seen: 'other' });
      });
      it('fails a stale cached object only after re-reading it', async () => {
        const a = await s.create(key('a'), pod('a'));
        await s.guaranteedUpdate(key('a'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: 'x' } } }) });
        const out = await s.guaranteedUpdate(key('a'), {
          cachedExistingObject: a,
          tryUpdate: async (cur) => ({ obj: { ...cur, metadata: { ...cur.metadata, labels: { n: (cur.spec as { nodeName: string }).nodeName } } } }),
        });
        expect(out.metadata?.labels).to.deep.equal({ n: 'x' });
      });
      it('checks uid and resourceVersion preconditions', async () => {
        const a = await s.create(key('a'), { ...pod('a'), metadata: { ...pod('a').metadata, uid: 'u1' } });
        const tryUpdate = async (cur: KObject) => ({ obj: { ...cur, spec: { nodeName: 'y' } } });
        expect(isStorageError(await rejects(s.guaranteedUpdate(key('a'), { preconditions: { uid: 'u2' }, tryUpdate })), 'InvalidObj')).to.equal(true);
        expect(isStorageError(await rejects(s.guaranteedUpdate(key('a'), { preconditions: { resourceVersion: '1' }, tryUpdate })), 'InvalidObj')).to.equal(true);
        await s.guaranteedUpdate(key('a'), { preconditions: { uid: 'u1', resourceVersion: a.metadata?.resourceVersion }, tryUpdate });
      });
      it('fails with KeyNotFound for a missing key unless ignoreNotFound, which creates it', async () => {
        const tryUpdate = async () => ({ obj: pod('n') });
        expect(isStorageError(await rejects(s.guaranteedUpdate(key('n'), { tryUpdate })), 'KeyNotFound')).to.equal(true);
        const out = await s.guaranteedUpdate(key('n'), { ignoreNotFound: true, tryUpdate });
        expect(rvOf(out)).to.be.greaterThan(0);
      });
      it('passes a tryUpdate error through and stores nothing', async () => {
        const a = await s.create(key('a'), pod('a'));
        const err = await rejects(
          s.guaranteedUpdate(key('a'), {
            tryUpdate: async () => {
              throw new Error('no');
            },
          }),
        );
        expect((err as Error).message).to.equal('no');
        expect((await s.get(key('a'), {}))?.metadata?.resourceVersion).to.equal(a.metadata?.resourceVersion);
      });
    });

    describe('delete', () => {
      it('removes the object and returns it', async () => {
        await s.create(key('a'), pod('a'));
        const out = await s.delete(key('a'));
        expect(out.metadata?.name).to.equal('a');
        expect(await s.get(key('a'), { ignoreNotFound: true })).to.equal(undefined);
      });
      it('fails with KeyNotFound for a missing key', async () => {
        expect(isStorageError(await rejects(s.delete(key('a'))), 'KeyNotFound')).to.equal(true);
      });
      it('checks preconditions and validateDeletion, keeping the object when they fail', async () => {
        const a = await s.create(key('a'), { ...pod('a'), metadata: { ...pod('a').metadata, uid: 'u1' } });
        expect(isStorageError(await rejects(s.delete(key('a'), { preconditions: { uid: 'zz' } })), 'InvalidObj')).to.equal(true);
        const err = await rejects(
          s.delete(key('a'), {
            validateDeletion: async () => {
              throw new Error('finalizers');
            },
          }),
        );
        expect((err as Error).message).to.equal('finalizers');
        expect(await s.get(key('a'), {})).to.not.equal(undefined);
        await s.delete(key('a'), { preconditions: { uid: 'u1', resourceVersion: a.metadata?.resourceVersion } });
      });
    });

    describe('delete preconditions', () => {
      it('refuses a stale resourceVersion precondition with InvalidObj, keeping the object', async () => {
        const a = await s.create(key('a'), { ...pod('a'), metadata: { ...pod('a').metadata, uid: 'u1' } });
        const now = await s.guaranteedUpdate(key('a'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: 'n' } } }) });
        const err = await rejects(s.delete(key('a'), { preconditions: { uid: 'u1', resourceVersion: a.metadata?.resourceVersion } }));
        expect(isStorageError(err, 'InvalidObj')).to.equal(true);
        expect((await s.get(key('a'), {}))?.metadata?.resourceVersion).to.equal(now.metadata?.resourceVersion);
        await s.delete(key('a'), { preconditions: { resourceVersion: now.metadata?.resourceVersion } });
        expect(await s.get(key('a'), { ignoreNotFound: true })).to.equal(undefined);
      });
      it('re-checks the resourceVersion precondition against the stored object when the cached copy passes it', async () => {
        const a = await s.create(key('a'), pod('a'));
        await s.guaranteedUpdate(key('a'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: 'n' } } }) });
        const err = await rejects(s.delete(key('a'), { cachedExistingObject: a, preconditions: { resourceVersion: a.metadata?.resourceVersion } }));
        expect(isStorageError(err, 'InvalidObj')).to.equal(true);
        expect(await s.get(key('a'), {})).to.not.equal(undefined);
      });
    });

    describe('TTL', () => {
      it('expires a key created with a TTL, with a DELETED event to its watchers', async () => {
        const keep = await s.create(key('keep'), pod('keep'));
        const w = await s.watch(`${prefix}/ns`, { resourceVersion: keep.metadata?.resourceVersion, predicate: everything(), recursive: true });
        await s.create(key('t'), pod('t'), 1);
        // etcd rounds a lease up to its minimum TTL (about 2 s) and checks expiry every 500 ms.
        const evs = await nextEvents(w, 2, 8000);
        w.stop();
        expect(evs.map((e) => `${e.type} ${(e.object as KObject).metadata?.name}`)).to.deep.equal(['ADDED t', 'DELETED t']);
        expect(await s.get(key('t'), { ignoreNotFound: true })).to.equal(undefined);
        expect(await s.get(key('keep'), {})).to.not.equal(undefined);
      });
    });

    describe('watch', () => {
      it('streams ADDED, MODIFIED and DELETED from a resourceVersion, in order', async () => {
        const a = await s.create(key('a'), pod('a'));
        const w = await s.watch(`${prefix}/ns`, { resourceVersion: a.metadata?.resourceVersion, predicate: everything(), recursive: true });
        await s.create(key('b'), pod('b'));
        await s.guaranteedUpdate(key('a'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: 'n' } } }) });
        const del = await s.delete(key('b'));
        const evs = await nextEvents(w, 3);
        w.stop();
        expect(evs.map((e) => `${e.type} ${(e.object as KObject).metadata?.name}`)).to.deep.equal(['ADDED b', 'MODIFIED a', 'DELETED b']);
        const rvs = evs.map((e) => rvOf(e.object as KObject));
        expect(rvs[0]).to.be.lessThan(rvs[1]);
        expect(rvs[1]).to.be.lessThan(rvs[2]);
        expect(rvs[2]).to.be.greaterThan(rvOf(del));
      });
      it('replays events that happened after the given resourceVersion but before the watch started', async () => {
        const a = await s.create(key('a'), pod('a'));
        await s.create(key('b'), pod('b'));
        await s.create(key('c'), pod('c'));
        const w = await s.watch(`${prefix}/ns`, { resourceVersion: a.metadata?.resourceVersion, predicate: everything(), recursive: true });
        const evs = await nextEvents(w, 2);
        w.stop();
        expect(evs.map((e) => (e.object as KObject).metadata?.name)).to.deep.equal(['b', 'c']);
      });
      it('sends the current state as ADDED for resourceVersion 0, then changes', async () => {
        await s.create(key('a'), pod('a'));
        const w = await s.watch(`${prefix}/ns`, { resourceVersion: '0', predicate: everything(), recursive: true });
        await s.create(key('b'), pod('b'));
        const evs = await nextEvents(w, 2);
        w.stop();
        expect(evs.map((e) => `${e.type} ${(e.object as KObject).metadata?.name}`)).to.deep.equal(['ADDED a', 'ADDED b']);
      });
      it('watches a single key without seeing its neighbours', async () => {
        const a = await s.create(key('a'), pod('a'));
        const w = await s.watch(key('a'), { resourceVersion: a.metadata?.resourceVersion, predicate: everything() });
        await s.create(key('ab'), pod('ab'));
        await s.delete(key('a'));
        const evs = await nextEvents(w, 1);
        w.stop();
        expect(evs.map((e) => `${e.type} ${(e.object as KObject).metadata?.name}`)).to.deep.equal(['DELETED a']);
      });
      it('turns objects entering and leaving a label selection into ADDED and DELETED', async () => {
        const a = await s.create(key('a'), pod('a', 'ns', { app: 'x' }));
        const w = await s.watch(`${prefix}/ns`, { resourceVersion: a.metadata?.resourceVersion, predicate: selecting('app=y'), recursive: true });
        const relabel = (app: string) => s.guaranteedUpdate(key('a'), { tryUpdate: async (c) => ({ obj: { ...c, metadata: { ...c.metadata, labels: { app } } } }) });
        await relabel('y');
        await relabel('z');
        await s.create(key('b'), pod('b', 'ns', { app: 'no' }));
        await s.create(key('c'), pod('c', 'ns', { app: 'y' }));
        const evs = await nextEvents(w, 3);
        w.stop();
        expect(evs.map((e) => `${e.type} ${(e.object as KObject).metadata?.name}`)).to.deep.equal(['ADDED a', 'DELETED a', 'ADDED c']);
      });
      it('answers a compacted start revision with a 410 Expired ERROR event', async function () {
        if (!f.compact) this.skip();
        const a = await s.create(key('a'), pod('a'));
        await s.guaranteedUpdate(key('a'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: '1' } } }) });
        const b = await s.guaranteedUpdate(key('a'), { tryUpdate: async (c) => ({ obj: { ...c, spec: { nodeName: '2' } } }) });
        await f.compact!(rvOf(b));
        const w = await s.watch(`${prefix}/ns`, { resourceVersion: a.metadata?.resourceVersion, predicate: everything(), recursive: true });
        const [ev] = await nextEvents(w, 1);
        w.stop();
        expect(ev.type).to.equal('ERROR');
        expect(ev.object).to.include({ code: 410, reason: 'Expired' });
      });
      it('stops delivering after stop()', async () => {
        const w = await s.watch(`${prefix}/ns`, { resourceVersion: '0', predicate: everything(), recursive: true });
        w.stop();
        await s.create(key('a'), pod('a'));
        const it = w[Symbol.asyncIterator]();
        expect((await it.next()).done).to.equal(true);
      });
    });
  });
}
