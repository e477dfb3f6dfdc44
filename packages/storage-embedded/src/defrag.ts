import * as fs from 'node:fs';
import * as path from 'node:path';
import { open } from 'lmdb';
import { DataDirLock } from './data-dir-lock';
import { storeFileName } from './embedded-kv';
import { checkStoreFile } from './store-file-check';

/**
 * `kapi defrag --data-dir DIR` (etcdutl defrag --data-dir): gives the store file's free pages back
 * to the disk. LMDB reuses the pages compaction frees but never shrinks its file, so a store that
 * once grew stays that size. The store is copied compacted (mdb_env_copy2 with MDB_CP_COMPACT:
 * live pages only, renumbered) and the copy replaces the file. It runs with the server stopped:
 * it takes the data dir's lock, so a running server makes it fail at once and vice versa.
 */
export async function defragDataDir(dataDir: string): Promise<{ before: number; after: number }> {
  const dir = path.resolve(dataDir);
  const store = path.join(dir, storeFileName);
  if (!fs.existsSync(store)) throw new Error(`no embedded store in ${dataDir} (${storeFileName} is missing)`);
  const lock = DataDirLock.acquire(dir);
  try {
    checkStoreFile(store);
    const before = fs.statSync(store).size;
    const tmp = `${store}.defrag`;
    fs.rmSync(tmp, { force: true });
    const env = open({ path: store, noSubdir: true, readOnly: true, maxDbs: 8 });
    try {
      await env.backup(tmp, true);
    } finally {
      await env.close();
    }
    // The copy is complete and synced before it takes the store's name; a crash before the
    // rename leaves the old file whole (and a stray .defrag file the next defrag removes).
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, store);
    fs.rmSync(`${tmp}-lock`, { force: true });
    return { before, after: fs.statSync(store).size };
  } finally {
    lock.release();
  }
}
