import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { storage } from '@kapi/apiserver-core';
import { lockFileName } from './data-dir-lock';
import { EmbeddedKV, storeFileName } from './embedded-kv';
import { LmdbTables } from './lmdb-tables';

const { RevisionLog } = storage;

const buf = (s: string) => Buffer.from(s);

async function rejects(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** Collects watch events until told to stop. */
function collect(kv: storage.KV, prefix: string, from: number): { events: storage.KVEvent[]; errors: Error[]; cancel: () => void } {
  const events: storage.KVEvent[] = [];
  const errors: Error[] = [];
  const w = kv.watch(prefix, from, { event: (ev) => events.push(ev), error: (err) => errors.push(err) });
  return { events, errors, cancel: () => w.cancel() };
}

describe('EmbeddedKV', function () {
  this.timeout(30000);
  let dataDir: string;
  let kv: EmbeddedKV;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-embedded-'));
    kv = new EmbeddedKV({ dataDir });
  });
  afterEach(async () => {
    await kv.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every object across close and reopen, and the revision keeps increasing', async () => {
    for (let i = 0; i < 50; i++) await kv.create(`/r/${i}`, buf(`v${i}`));
    const upd = await kv.update('/r/7', buf('seven'), (await kv.get('/r/7')).kv!.modRevision);
    await kv.delete('/r/9', (await kv.get('/r/9')).kv!.modRevision);
    const before = await kv.currentRevision();
    await kv.close();

    kv = new EmbeddedKV({ dataDir });
    expect(await kv.currentRevision()).to.equal(before);
    const { kvs } = await kv.range('/r/');
    expect(kvs).to.have.length(49);
    const seven = (await kv.get('/r/7')).kv!;
    expect(seven.value.toString()).to.equal('seven');
    expect(seven.modRevision).to.equal(upd.revision);
    expect(seven.createRevision).to.be.lessThan(seven.modRevision);
    const next = await kv.create('/r/new', buf('n'));
    expect(next.revision).to.equal(before + 1);
    // History survived too: the key as it was before the update.
    expect((await kv.get('/r/7', upd.revision - 1)).kv?.value.toString()).to.equal('v7');
  });

  it('refuses a second open of the data dir with a clear message, and takes over a stale lock', async () => {
    expect(() => new EmbeddedKV({ dataDir })).to.throw(`data dir ${dataDir} is in use by another kapi process (pid ${process.pid})`);
    await kv.close();
    // A lock left by a process that no longer runs (kill -9) does not block the next start.
    fs.writeFileSync(path.join(dataDir, lockFileName), '999999999\n');
    kv = new EmbeddedKV({ dataDir });
    expect(fs.readFileSync(path.join(dataDir, lockFileName), 'utf8').trim()).to.equal(String(process.pid));
  });

  it('reports compare failures as values with the current key', async () => {
    const a = await kv.create('/k/a', buf('1'));
    const again = await kv.create('/k/a', buf('2'));
    expect(again).to.deep.include({ succeeded: false });
    expect(again.kv?.modRevision).to.equal(a.revision);
    const stale = await kv.update('/k/a', buf('3'), a.revision - 1);
    expect(stale.succeeded).to.equal(false);
    expect(stale.kv?.value.toString()).to.equal('1');
    expect((await kv.delete('/k/a', a.revision - 1)).succeeded).to.equal(false);
    expect((await kv.delete('/k/none', 1)).succeeded).to.equal(false);
    expect((await kv.get('/k/a')).kv?.value.toString()).to.equal('1');
  });

  it('bounds the log under repeated updates of one key once compacted', async () => {
    let rev = (await kv.create('/hot', buf('x'.repeat(1024)))).revision;
    const sizes: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 300; i++) rev = (await kv.update('/hot', buf(`${i}`.padEnd(1024, 'y')), rev)).revision;
      await kv.compact(rev);
      const stats = kv.stats();
      expect(stats.logRows).to.equal(1);
      sizes.push(stats.fileBytes);
    }
    // Freed pages are reused: after the first rounds the file stops growing.
    expect(sizes[5]).to.be.at.most(sizes[1]);
    expect((await kv.get('/hot')).kv?.modRevision).to.equal(rev);
    const err = await rejects(kv.get('/hot', rev - 1));
    expect(storage.isKVError(err, 'Compacted')).to.equal(true);
  });

  it('keeps what a read at the compacted revision needs, and drops deleted keys', async () => {
    const a = await kv.create('/c/a', buf('a1'));
    const b = await kv.create('/c/b', buf('b1'));
    const a2 = await kv.update('/c/a', buf('a2'), a.revision);
    await kv.delete('/c/b', b.revision);
    const c = await kv.create('/c/c', buf('c1'));
    await kv.update('/c/a', buf('a3'), a2.revision);
    await kv.compact(c.revision);
    const at = await kv.range('/c/', { revision: c.revision });
    expect(at.kvs.map((k) => `${k.key}=${k.value}`)).to.deep.equal(['/c/a=a2', '/c/c=c1']);
    expect(kv.stats().indexKeys).to.equal(2);
    expect(storage.isKVError(await rejects(kv.range('/c/', { revision: c.revision - 1 })), 'Compacted')).to.equal(true);
    expect(storage.isKVError(await rejects(kv.get('/c/a', 1000)), 'FutureRevision')).to.equal(true);
    // Watching from just after the compacted revision still works, with prevKv.
    const w = collect(kv, '/c/', c.revision + 1);
    w.cancel();
    expect(w.events.map((e) => `${e.type} ${e.kv.value} prev=${e.prevKv?.value}`)).to.deep.equal(['put a3 prev=a2']);
  });

  it('finishes a compaction cut short (marked, rows not yet removed) when reopened', async () => {
    let rev = (await kv.create('/p', buf('0'))).revision;
    for (let i = 1; i <= 100; i++) rev = (await kv.update('/p', buf(String(i)), rev)).revision;
    await kv.close();
    // What a crash right after beginCompaction leaves behind: the mark, and every old row.
    const tables = LmdbTables.open(path.join(dataDir, storeFileName));
    await tables.transaction(() => new RevisionLog(tables).beginCompaction(rev));
    expect(tables.stats().logRows).to.equal(101);
    await tables.close();

    kv = new EmbeddedKV({ dataDir });
    expect(storage.isKVError(await rejects(kv.get('/p', rev - 1)), 'Compacted')).to.equal(true);
    await kv.close(); // waits for the resumed compaction
    kv = new EmbeddedKV({ dataDir });
    expect(kv.stats().logRows).to.equal(1);
    expect((await kv.get('/p')).kv?.value.toString()).to.equal('100');
  });

  it('hands a list at R over to a watch from R+1 without missing or repeating a write', async () => {
    let n = 0;
    // Half the writes go before the hand-over, half after; the ones in flight when the list is taken
    // race with it. (A timer instead of the gate lets a busy machine finish every write first.)
    let handOver!: () => void;
    const handedOver = new Promise<void>((resolve) => (handOver = resolve));
    const writer = async () => {
      while (n < 600) {
        if (n >= 300) await handedOver;
        if (n < 600) await kv.create(`/w/${String(n++).padStart(4, '0')}`, buf('v'));
      }
    };
    const writing = Promise.all(Array.from({ length: 16 }, writer));
    while (n < 300) await new Promise((r) => setImmediate(r));
    const list = await kv.range('/w/');
    const w = collect(kv, '/w/', list.revision + 1);
    handOver();
    await writing;
    w.cancel();
    const seen = [...list.kvs.map((k) => k.key), ...w.events.map((e) => e.kv.key)];
    expect(list.kvs.length).to.be.greaterThan(0);
    expect(w.events.length).to.be.greaterThan(0);
    expect(seen).to.have.length(600);
    expect(new Set(seen).size).to.equal(600);
    const revs = w.events.map((e) => e.kv.modRevision);
    expect(revs[0]).to.equal(list.revision + 1);
    revs.forEach((r, i) => i > 0 && expect(r).to.equal(revs[i - 1] + 1));
  });

  it('fails a watch from a compacted revision with Compacted', async () => {
    const a = await kv.create('/x', buf('1'));
    const b = await kv.update('/x', buf('2'), a.revision);
    await kv.compact(b.revision);
    const w = collect(kv, '/', a.revision);
    await new Promise((r) => setImmediate(r));
    expect(w.errors).to.have.length(1);
    expect(storage.isKVError(w.errors[0], 'Compacted')).to.equal(true);
  });

  it('expires a key after its TTL, with a delete event, unless rewritten without one', async () => {
    const t = await kv.create('/ttl/a', buf('a'), 1);
    const kept = await kv.create('/ttl/b', buf('b'), 1);
    await kv.update('/ttl/b', buf('b2'), kept.revision);
    const w = collect(kv, '/ttl/', t.revision + 1);
    await new Promise((r) => setTimeout(r, 1500));
    w.cancel();
    expect((await kv.get('/ttl/a')).kv).to.equal(undefined);
    expect((await kv.get('/ttl/b')).kv?.value.toString()).to.equal('b2');
    expect(w.events.map((e) => `${e.type} ${e.kv.key}`)).to.include('delete /ttl/a');
  });

  it('expires keys whose TTL ran out while the store was closed, after reopen', async () => {
    await kv.create('/ttl/gone', buf('x'), 1);
    await kv.create('/ttl/stays', buf('y'), 60);
    await kv.close();
    await new Promise((r) => setTimeout(r, 1100));
    kv = new EmbeddedKV({ dataDir });
    await new Promise((r) => setTimeout(r, 200));
    expect((await kv.get('/ttl/gone')).kv).to.equal(undefined);
    expect((await kv.get('/ttl/stays')).kv?.lease).to.be.a('number');
  });
});
