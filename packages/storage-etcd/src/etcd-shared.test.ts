/**
 * What several apiservers sharing one real etcd rely on from EtcdKV: a watch delivers every key a
 * multi-key transaction of another client wrote at one revision, and compactors agree through
 * compact_rev_key so that one compaction happens per round of ticks, whoever ticks.
 */
import { storage } from '@kapi/apiserver-core';
import { expect } from 'chai';
import { compactRevKey, EtcdKV } from './etcd-kv';
import { startEtcd, type EtcdProcess } from './testing/start-etcd';

describe('EtcdKV shared by several apiservers', function () {
  this.timeout(30_000);
  let etcd: EtcdProcess;
  const kvs: EtcdKV[] = [];
  const newKV = () => {
    const kv = new EtcdKV({ servers: [etcd.endpoint] });
    kvs.push(kv);
    return kv;
  };
  before(async () => (etcd = await startEtcd()));
  after(async () => {
    await Promise.all(kvs.map((kv) => kv.close()));
    await etcd?.stop();
  });

  it('a watch delivers both keys of a two-key transaction, at one revision', async () => {
    const kv = newKV();
    const events: storage.KVEvent[] = [];
    const w = kv.watch('/txn/', 0, { event: (e) => void events.push(e), error: () => undefined });
    await new Promise((r) => setTimeout(r, 300));
    const keys = ['/txn/a', '/txn/b'].map((k) => Buffer.from(k));
    const res = await kv.client.kv.txn({ compare: [], success: keys.map((key) => ({ request_put: { key, value: Buffer.from('v') } })), failure: [] });
    const rev = Number(res.header.revision);
    const deadline = Date.now() + 5000;
    while (events.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    w.cancel();
    expect(events.map((e) => [e.kv.key, e.kv.modRevision])).to.deep.equal([
      ['/txn/a', rev],
      ['/txn/b', rev],
    ]);
  });

  it('three compactors ticking in turn compact once per round, and another takes over when the winner stops', async () => {
    const [a, b, c] = [newKV(), newKV(), newKV()].map(
      (kv) =>
        new storage.Compactor(kv, 0, (err) => {
          throw err;
        }),
    );
    const version = async () => Number((await kvs[0].client.kv.range({ key: Buffer.from(compactRevKey) })).kvs[0]?.version ?? 0);
    const start = await version();
    const writes = async () => kvs[0].client.kv.put({ key: Buffer.from('/compact/x'), value: Buffer.from(String(Date.now())) });
    for (let round = 0; round < 4; round++) {
      await writes();
      for (const compactor of [a, b, c]) await compactor.tick();
    }
    // The first claim records a revision and compacts nothing (kube's bootstrap); each later round one compaction.
    expect(await version()).to.equal(start + 4);
    expect([a.compactions, b.compactions, c.compactions]).to.deep.equal([3, 0, 0]);
    for (let round = 0; round < 2; round++) {
      await writes();
      for (const compactor of [b, c]) await compactor.tick();
    }
    expect(await version()).to.equal(start + 6);
    expect([a.compactions, b.compactions, c.compactions]).to.deep.equal([3, 2, 0]);
    // etcd compacted up to the revision the last winner recorded.
    const compactedTo = Number((await kvs[0].client.kv.range({ key: Buffer.from(compactRevKey) })).kvs[0].value.toString());
    const err = await kvs[0].get('/compact/x', compactedTo - 1).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).to.be.instanceOf(storage.KVError).and.to.have.property('code', 'Compacted');
  });
});
