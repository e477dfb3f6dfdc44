import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { storage } from '@kapi/apiserver-core';
import { embeddedKVSocketEnv, newEmbeddedBackend } from './embedded-backend';
import { lockFileName } from './data-dir-lock';
import { storeFileName } from './embedded-kv';
import { RemoteKV } from './remote-kv';
import { StorageOwner } from './storage-owner';

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** What the `--workers` primary runs on the embedded backend, seen from its workers' side of the socket. */
describe('embedded store owner and its remote KV (--workers on embedded)', function () {
  this.timeout(60_000);
  let dir: string;
  let owner: StorageOwner | undefined;
  const clients: RemoteKV[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-owner-'));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await owner?.close();
    owner = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const connect = async () => {
    const kv = await RemoteKV.connect(owner!.socketPath);
    clients.push(kv);
    return kv;
  };

  it('holds the data dir lock, keeps the socket private to its user, and releases both on close', async () => {
    owner = await StorageOwner.start({ dataDir: dir, compactionIntervalMs: 0 });
    expect(fs.readFileSync(path.join(dir, lockFileName), 'utf8').trim()).to.equal(String(process.pid));
    expect(fs.statSync(path.dirname(owner.socketPath)).mode & 0o777).to.equal(0o700);
    const socketPath = owner.socketPath;
    await owner.close();
    owner = undefined;
    expect(fs.existsSync(path.join(dir, lockFileName))).to.equal(false);
    expect(fs.existsSync(socketPath)).to.equal(false);
  });

  it('carries any bytes unchanged, and a write by one worker reaches the watch of another in revision order', async () => {
    owner = await StorageOwner.start({ dataDir: dir, compactionIntervalMs: 0 });
    const [a, b] = [await connect(), await connect()];
    const events: storage.KVEvent[] = [];
    const w = b.watch('/registry/x/', 0, {
      event: (ev) => events.push(ev),
      error: (err) => events.push({ type: 'delete', kv: { key: String(err), value: Buffer.alloc(0), createRevision: 0, modRevision: 0 } }),
    });
    await b.health(); // the watch is registered at the owner before this answer comes back
    const bytes = Buffer.from([0, 255, 0xc3, 0x28, 10, 0]);
    const created = await a.create('/registry/x/one', bytes);
    const updated = await a.update('/registry/x/one', Buffer.from('two'), created.revision);
    expect((await b.get('/registry/x/one')).kv!.value.toString()).to.equal('two');
    expect((await b.get('/registry/x/one', created.revision)).kv!.value.equals(bytes)).to.equal(true);
    await a.delete('/registry/x/one', updated.revision);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.map((e) => [e.type, e.kv.modRevision])).to.deep.equal([
      ['put', created.revision],
      ['put', updated.revision],
      ['delete', updated.revision + 1],
    ]);
    expect(events[0].kv.value.equals(bytes)).to.equal(true);
    w.cancel();
    await a.create('/registry/x/after-cancel', bytes);
    await b.health();
    expect(events).to.have.length(3);
  });

  it("refuses a write over --quota-backend-bytes with NoSpace and etcd's message, across the socket", async () => {
    owner = await StorageOwner.start({ dataDir: dir, quotaBackendBytes: 2 * 1024 * 1024, compactionIntervalMs: 0 });
    const kv = await connect();
    const value = Buffer.alloc(50_000, 7);
    let refused: unknown;
    for (let n = 0; n < 200 && !refused; n++)
      refused = await kv.create(`/registry/c/${n}`, value).then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(storage.isKVError(refused, 'NoSpace'), String(refused)).to.equal(true);
    expect((refused as Error).message).to.equal(storage.noSpaceMessage);
  });

  it('compacts on its interval for every worker; a worker watching from before it gets Compacted with the revision', async () => {
    owner = await StorageOwner.start({ dataDir: dir, compactionIntervalMs: 100 });
    const kv = await connect();
    const first = await kv.create('/registry/c/a', Buffer.from('1'));
    await kv.create('/registry/c/b', Buffer.from('2'));
    // The first tick remembers the revision, the next compacts to it.
    await new Promise((r) => setTimeout(r, 350));
    expect(owner.kv.revisions().compacted).to.be.at.least(first.revision + 1);
    const err = await new Promise<Error>((resolve) => kv.watch('/registry/c/', first.revision, { event: () => undefined, error: resolve }));
    expect(storage.isKVError(err, 'Compacted')).to.equal(true);
    expect((err as storage.KVError).revision).to.equal(owner.kv.revisions().compacted);
    expect(storage.isKVError(await rejection(kv.get('/registry/c/a', first.revision)), 'Compacted')).to.equal(true);
  });

  it('fails calls and watches with Unavailable once the owner is gone', async () => {
    owner = await StorageOwner.start({ dataDir: dir, compactionIntervalMs: 0 });
    const kv = await connect();
    const ended = new Promise<Error>((resolve) => kv.watch('/registry/', 0, { event: () => undefined, error: resolve }));
    await kv.health();
    await owner.close();
    owner = undefined;
    expect(storage.isKVError(await ended, 'Unavailable')).to.equal(true);
    expect(storage.isKVError(await rejection(kv.get('/registry/a')), 'Unavailable')).to.equal(true);
  });

  it('ends a worker whose connection to the owner is lost (exit 1), so the primary stops the server', async () => {
    owner = await StorageOwner.start({ dataDir: dir, compactionIntervalMs: 0 });
    const script = `require('./embedded-backend').newEmbeddedBackend({ type: 'embedded', prefix: '/registry', dataDir: ${JSON.stringify(dir)} }).then(() => process.stdout.write('connected\\n'));`;
    const child = spawn(process.execPath, ['--conditions=kapi-source', '--require', 'tsx/cjs', '-e', script], {
      cwd: __dirname,
      env: { ...process.env, [embeddedKVSocketEnv]: owner.socketPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      while (!out.includes('connected')) {
        if (child.exitCode !== null) throw new Error(`worker stand-in exited early:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await owner.close();
      owner = undefined;
      expect(await exited).to.equal(1);
      expect(out).to.include('connection to the storage owner lost; exiting');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it("is what newEmbeddedBackend uses in a worker: the owner's store, its file size, and no compactor of its own", async () => {
    owner = await StorageOwner.start({ dataDir: dir, compactionIntervalMs: 0 });
    process.env[embeddedKVSocketEnv] = owner.socketPath;
    try {
      const config = { type: 'embedded', prefix: '/registry', dataDir: dir, compactionIntervalMs: 50 };
      const backend = (await newEmbeddedBackend(config)) as storage.KVStorageBackend & { storageSize(): Promise<storage.StorageSize[]> };
      expect(backend.kv).to.be.instanceOf(RemoteKV);
      const pods = backend.create({ ...config, backend, groupResource: { group: '', resource: 'pods' } });
      await pods.create('/pods/ns/a', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'ns' } });
      expect((await owner.kv.get('/registry/pods/ns/a')).kv).to.not.equal(undefined);
      expect(await backend.storageSize()).to.deep.equal([{ endpoint: path.join(dir, storeFileName), sizeBytes: owner.kv.size().sizeBytes }]);
      await new Promise((r) => setTimeout(r, 200));
      expect(owner.kv.revisions().compacted).to.equal(0);
      await backend.destroy();
      // The worker's destroy closed its connection, not the owner's store.
      expect((await owner.kv.get('/registry/pods/ns/a')).kv).to.not.equal(undefined);
    } finally {
      delete process.env[embeddedKVSocketEnv];
    }
  });
});
