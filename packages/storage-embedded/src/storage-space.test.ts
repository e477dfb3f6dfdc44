import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { storage } from '@kapi/apiserver-core';
import { defragDataDir } from './defrag';
import { EmbeddedKV, storeFileName } from './embedded-kv';

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

describe('embedded store space: quota, compaction, defrag', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-space-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const value = Buffer.alloc(50_000, 7);
  const del = async (kv: EmbeddedKV, key: string) => kv.delete(key, (await kv.get(key)).kv!.modRevision);

  it("refuses puts with etcd's NOSPACE once the pages in use reach the quota; deletes go on, and compaction makes room", async () => {
    const kv = new EmbeddedKV({ dataDir: dir, quotaBackendBytes: 2 * 1024 * 1024 });
    try {
      let n = 0;
      let refused: unknown;
      for (; n < 200 && !refused; n++)
        refused = await kv.create(`/registry/configmaps/ns/c${n}`, value).then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(storage.isKVError(refused, 'NoSpace'), String(refused)).to.equal(true);
      expect((refused as Error).message).to.equal('etcdserver: mvcc: database space exceeded');
      const stored = n - 1;
      expect(stored).to.be.within(20, 45);
      // Updates are puts too; deletes are never refused.
      const current = await kv.get('/registry/configmaps/ns/c0');
      expect(storage.isKVError(await rejection(kv.update('/registry/configmaps/ns/c0', value, current.kv!.modRevision)), 'NoSpace')).to.equal(true);
      for (let i = 0; i < stored; i += 2) expect((await del(kv, `/registry/configmaps/ns/c${i}`)).succeeded).to.equal(true);
      const inUse = kv.size().sizeInUseBytes;
      await kv.compact(await kv.currentRevision());
      expect(kv.size().sizeInUseBytes).to.be.lessThan(inUse / 1.5);
      expect((await kv.create('/registry/configmaps/ns/after', value)).succeeded).to.equal(true);
    } finally {
      await kv.close();
    }
  });

  it('turns the quota off when negative', async () => {
    const kv = new EmbeddedKV({ dataDir: dir, quotaBackendBytes: -1 });
    try {
      for (let n = 0; n < 60; n++) expect((await kv.create(`/registry/configmaps/ns/c${n}`, value)).succeeded).to.equal(true);
    } finally {
      await kv.close();
    }
  });

  it('kapi defrag gives the free pages of a compacted store back to the disk and keeps every object and the revision', async () => {
    let kv = new EmbeddedKV({ dataDir: dir });
    for (let n = 0; n < 100; n++) await kv.create(`/registry/configmaps/ns/c${n}`, value);
    for (let n = 0; n < 100; n += 1) if (n % 10 !== 0) expect((await del(kv, `/registry/configmaps/ns/c${n}`)).succeeded).to.equal(true);
    const revision = await kv.currentRevision();
    await kv.compact(revision);
    const grown = kv.size();
    expect(grown.sizeBytes).to.be.greaterThan(4 * grown.sizeInUseBytes);
    // The server holds the data dir: defrag refuses.
    expect(String(await rejection(defragDataDir(dir)))).to.include('is in use by another kapi process');
    await kv.close();

    const { before, after } = await defragDataDir(dir);
    expect(before).to.equal(grown.sizeBytes);
    expect(after).to.be.lessThan(before / 4);
    expect(fs.statSync(path.join(dir, storeFileName)).size).to.equal(after);
    kv = new EmbeddedKV({ dataDir: dir });
    try {
      expect(await kv.currentRevision()).to.equal(revision);
      const listed = await kv.range('/registry/configmaps/ns/');
      expect(listed.kvs.map((k) => k.key).sort()).to.deep.equal(Array.from({ length: 10 }, (_, i) => `/registry/configmaps/ns/c${i * 10}`).sort());
      expect(listed.kvs[0].value).to.deep.equal(value);
      expect((await kv.create('/registry/configmaps/ns/new', value)).succeeded).to.equal(true);
    } finally {
      await kv.close();
    }
  });
});
