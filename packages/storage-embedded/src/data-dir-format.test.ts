import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { open } from 'lmdb';
import { currentDataDirFormat } from './data-dir-format';
import { EmbeddedKV, storeFileName } from './embedded-kv';
import { restoreSnapshot, saveSnapshot } from './snapshot';

/** Reads or rewrites the recorded format with LMDB directly, as another kapi release would have. */
async function withMeta<T>(dataDir: string, fn: (meta: { get(k: string): number | undefined; putSync(k: string, v: number): void; removeSync(k: string): void }) => T): Promise<T> {
  const env = open({ path: path.join(dataDir, storeFileName), noSubdir: true, maxDbs: 8 });
  try {
    return fn(env.openDB<number, string>({ name: 'meta' }) as never);
  } finally {
    await env.close();
  }
}

describe('embedded data-dir format', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'kapi-format-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records the current format in a new store', async () => {
    const kv = new EmbeddedKV({ dataDir: dir });
    await kv.close();
    expect(await withMeta(dir, (m) => m.get('dataDirFormat'))).to.equal(currentDataDirFormat);
  });

  it('migrates a store of the previous format (no version recorded) and keeps its data', async () => {
    const kv = new EmbeddedKV({ dataDir: dir });
    await kv.create('/registry/configmaps/ns/a', Buffer.from('{"a":1}'));
    await kv.close();
    // What kapi wrote before versions were recorded: the same tables, no format key.
    await withMeta(dir, (m) => m.removeSync('dataDirFormat'));
    const reopened = new EmbeddedKV({ dataDir: dir });
    expect((await reopened.get('/registry/configmaps/ns/a')).kv!.value.toString()).to.equal('{"a":1}');
    await reopened.close();
    expect(await withMeta(dir, (m) => m.get('dataDirFormat'))).to.equal(1);
  });

  it('refuses a store of a newer format by name, and releases the data dir', async () => {
    await new EmbeddedKV({ dataDir: dir }).close();
    await withMeta(dir, (m) => m.putSync('dataDirFormat', currentDataDirFormat + 1));
    expect(() => new EmbeddedKV({ dataDir: dir })).to.throw(
      `data dir ${dir} has kapi-data format ${currentDataDirFormat + 1}, newer than this kapi supports (format ${currentDataDirFormat})`,
    );
    await withMeta(dir, (m) => m.putSync('dataDirFormat', currentDataDirFormat));
    await new EmbeddedKV({ dataDir: dir }).close();
  });

  it('refuses to restore a snapshot of a newer format and leaves no data dir behind', async () => {
    const source = path.join(dir, 'source');
    await new EmbeddedKV({ dataDir: source }).close();
    await withMeta(source, (m) => m.putSync('dataDirFormat', currentDataDirFormat + 1));
    const file = path.join(dir, 'snap.db');
    await saveSnapshot(source, file);
    const target = path.join(dir, 'target');
    await restoreSnapshot(file, target).then(
      () => expect.fail('restored'),
      (err: Error) => expect(err.message).to.include(`has kapi-data format ${currentDataDirFormat + 1}`),
    );
    expect(() => rmSync(target)).to.throw(/ENOENT/);
  });
});
