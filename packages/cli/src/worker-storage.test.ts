import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { storage } from '@kapi/apiserver-core';
import { embeddedKVSocketEnv, RemoteKV } from '@kapi/storage-embedded';
import { parseServerFlags } from './flags';
import { startPrimaryStorage } from './worker-storage';

/** The store the `--workers` primary owns on embedded, built from the real flags a user passes. */
describe('kapi server --workers: the primary’s storage', function () {
  this.timeout(30_000);
  const out = { write: () => true } as unknown as NodeJS.WritableStream;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-primary-storage-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('owns nothing on etcd', async () => {
    const { options } = parseServerFlags(['--storage-backend', 'etcd3', '--etcd-servers', 'http://127.0.0.1:2379', '--workers', '2']);
    const primary = await startPrimaryStorage(options, out);
    expect(primary.env).to.deep.equal({});
    await primary.close();
  });

  it('on embedded, serves the data dir to the workers with --quota-backend-bytes and --etcd-compaction-interval applied', async () => {
    const { options, workers } = parseServerFlags([
      '--storage-backend=embedded',
      `--data-dir=${dir}`,
      '--workers=2',
      '--quota-backend-bytes=2097152',
      '--etcd-compaction-interval=100ms',
    ]);
    expect(workers).to.equal(2);
    const primary = await startPrimaryStorage(options, out);
    const kv = await RemoteKV.connect(primary.env[embeddedKVSocketEnv]);
    try {
      expect(primary.description).to.include(`embedded store owned by pid ${process.pid}`);
      const value = Buffer.alloc(50_000, 1);
      let refused: unknown;
      let first = 0;
      for (let n = 0; n < 200 && !refused; n++) {
        refused = await kv.create(`/registry/c/${n}`, value).then(
          (r) => void (first ||= r.revision),
          (err: unknown) => err,
        );
      }
      expect(storage.isKVError(refused, 'NoSpace'), String(refused)).to.equal(true);
      // The first compaction tick remembers the revision, the next compacts to it.
      await new Promise((r) => setTimeout(r, 400));
      expect(storage.isKVError(await kv.get('/registry/c/0', first).catch((err: unknown) => err), 'Compacted')).to.equal(true);
    } finally {
      await kv.close();
      await primary.close();
    }
    // Closed: the data dir's lock is released.
    expect(fs.existsSync(path.join(dir, 'kapi.lock'))).to.equal(false);
  });
});
