import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { EmbeddedKV, storeFileName } from './embedded-kv';

/** A damaged store must be refused with a message, never mapped: LMDB would end the process with SIGBUS/SIGSEGV. */
describe('embedded store file check', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kapi-damaged-'));
    file = path.join(dir, storeFileName);
    const kv = new EmbeddedKV({ dataDir: dir });
    for (let i = 0; i < 300; i++) await kv.create(`/registry/configmaps/ns/c${i}`, Buffer.alloc(2000, 1));
    await kv.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens an intact store', async () => {
    const kv = new EmbeddedKV({ dataDir: dir });
    expect((await kv.range('/registry/configmaps/')).count).to.equal(300);
    await kv.close();
  });

  it('refuses a truncated store by name', () => {
    truncateSync(file, Math.floor(statSync(file).size / 3));
    expect(() => new EmbeddedKV({ dataDir: dir })).to.throw(new RegExp(`^the embedded store ${file} is damaged: truncated to \\d+ bytes, its pages end at \\d+`));
  });

  it('refuses a store whose meta pages were overwritten, and one cut to a few bytes', () => {
    const b = readFileSync(file);
    b.fill(7, 0, 8192);
    writeFileSync(file, b);
    expect(() => new EmbeddedKV({ dataDir: dir })).to.throw(`the embedded store ${file} is damaged: no valid LMDB meta page`);
    truncateSync(file, 100);
    expect(() => new EmbeddedKV({ dataDir: dir })).to.throw('no valid LMDB meta page (100 bytes)');
  });

  it('releases the data dir after refusing, so a restored store can be opened', () => {
    truncateSync(file, 100);
    expect(() => new EmbeddedKV({ dataDir: dir })).to.throw();
    rmSync(file);
    // A fresh store in the same dir: the lock was released.
    return new EmbeddedKV({ dataDir: dir }).close();
  });
});
