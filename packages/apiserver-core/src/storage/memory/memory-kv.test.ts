import { expect } from 'chai';
import { runStorageConformance } from '../testing/conformance';
import { KVStore } from '../kv/kv-store';
import { MemoryKV } from './memory-kv';

runStorageConformance('memory', async () => {
  const kv = new MemoryKV();
  return {
    storage: new KVStore(kv, { pathPrefix: '/registry' }),
    compact: (rev) => kv.compact(rev),
    teardown: () => kv.close(),
  };
});

describe('MemoryKV snapshot and restore', () => {
  it('puts the snapshot back with the revision moved forward, history compacted and open watches ended', async () => {
    const kv = new MemoryKV();
    try {
      const a = await kv.create('/registry/a', Buffer.from('1'));
      expect(a.succeeded).to.equal(true);
      const snap = kv.snapshot();
      await kv.create('/registry/b', Buffer.from('2'));
      const before = await kv.currentRevision();
      const errors: Error[] = [];
      kv.watch('/registry/', before + 1, { event: () => undefined, error: (e) => errors.push(e) });

      const revision = await kv.restore(snap);
      expect(revision).to.be.above(before);
      expect((await kv.get('/registry/a')).kv?.value.toString()).to.equal('1');
      expect((await kv.get('/registry/b')).kv).to.equal(undefined);
      expect(errors.map((e) => (e as { code?: string }).code)).to.deep.equal(['Compacted']);
      // A client that saw revision `before` cannot watch from it: its history is gone.
      const late: Error[] = [];
      kv.watch('/registry/', before, { event: () => undefined, error: (e) => late.push(e) });
      await new Promise((r) => setImmediate(r));
      expect(late.map((e) => (e as { code?: string }).code)).to.deep.equal(['Compacted']);
      // The snapshot is unchanged by what came after, so it can be restored again.
      await kv.create('/registry/c', Buffer.from('3'));
      expect(await kv.restore(snap)).to.be.above(revision);
      expect((await kv.range('/registry/')).kvs.map((k) => k.key)).to.deep.equal(['/registry/a']);
    } finally {
      await kv.close();
    }
  });
});
