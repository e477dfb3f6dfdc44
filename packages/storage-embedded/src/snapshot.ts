import * as fs from 'node:fs';
import * as path from 'node:path';
import { open } from 'lmdb';
import { ensureDataDirFormat } from './data-dir-format';
import { storeFileName } from './embedded-kv';
import { LmdbTables } from './lmdb-tables';

/**
 * etcdutl's default for `snapshot restore --bump-revision` in kube's restore guide: far more writes
 * than a cluster makes between a snapshot and its restore, so every resourceVersion a client saw
 * stays below the restored server's.
 */
export const defaultBumpRevision = 1_000_000_000;

/**
 * `kapi snapshot save`: a consistent copy of the store while a server may be writing. LMDB lets
 * another process read the environment; the copy is made inside one read transaction (mdb_env_copy),
 * compacted, so it holds exactly the state of one revision.
 */
export async function saveSnapshot(dataDir: string, file: string): Promise<{ revision: number; bytes: number }> {
  const store = path.join(path.resolve(dataDir), storeFileName);
  if (!fs.existsSync(store)) throw new Error(`no embedded store in ${dataDir} (${storeFileName} is missing)`);
  if (fs.existsSync(file)) throw new Error(`snapshot file ${file} already exists`);
  const env = open({ path: store, noSubdir: true, readOnly: true, maxDbs: 8 });
  try {
    const tmp = `${file}.part`;
    fs.rmSync(tmp, { force: true });
    await env.backup(tmp, true);
    fs.renameSync(tmp, file);
  } finally {
    await env.close();
  }
  return { revision: await snapshotRevision(file), bytes: fs.statSync(file).size };
}

export interface RestoreOptions {
  /** Added to the snapshot's revision (etcdutl --bump-revision). */
  bumpRevision?: number;
}

/**
 * `kapi snapshot restore`: a new data dir from a snapshot, with the revision bumped and everything
 * before it marked compacted (etcdutl's --bump-revision with --mark-compacted): resourceVersions
 * keep growing, and a client watching or listing from a version it saw before gets 410 Gone and
 * re-lists instead of seeing time run backwards.
 */
export async function restoreSnapshot(file: string, dataDir: string, opts: RestoreOptions = {}): Promise<{ revision: number }> {
  if (!fs.existsSync(file)) throw new Error(`snapshot file ${file} does not exist`);
  const dir = path.resolve(dataDir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`data dir ${dataDir} is not empty; restore into a new directory`);
  fs.mkdirSync(dir, { recursive: true });
  const store = path.join(dir, storeFileName);
  try {
    fs.copyFileSync(file, store);
    return await bumpRevision(store, dataDir, opts.bumpRevision ?? defaultBumpRevision);
  } catch (err) {
    // A refused or failed restore leaves no half-made data dir behind.
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function bumpRevision(store: string, dataDir: string, bump: number): Promise<{ revision: number }> {
  const tables = LmdbTables.open(store);
  try {
    // A snapshot of a newer format is refused before anything in it changes; an older one is migrated.
    ensureDataDirFormat(tables, dataDir);
    const revision = tables.meta('revision') + bump;
    await tables.transaction(() => {
      tables.putMeta('revision', revision);
      // Compaction up to the new revision: the first open of the dir removes the superseded rows.
      tables.putMeta('compacted', revision);
    });
    return { revision };
  } finally {
    await tables.close();
  }
}

async function snapshotRevision(file: string): Promise<number> {
  const env = open({ path: file, noSubdir: true, readOnly: true, maxDbs: 8 });
  try {
    return env.openDB<number, string>({ name: 'meta' }).get('revision') ?? 0;
  } finally {
    await env.close();
    // Reading the file as an environment left LMDB's reader table beside it; a snapshot is one file.
    fs.rmSync(`${file}-lock`, { force: true });
  }
}
