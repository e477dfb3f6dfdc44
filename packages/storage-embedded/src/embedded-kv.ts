import * as path from 'node:path';
import { storage } from '@kapi/apiserver-core';
import { BackendQuota, defaultQuotaBackendBytes } from './backend-quota';
import { DataDirLock } from './data-dir-lock';
import { ensureDataDirFormat } from './data-dir-format';
import { LmdbTables } from './lmdb-tables';
import { checkStoreFile } from './store-file-check';

export interface EmbeddedKVOptions {
  /** Directory holding the store (created when missing). */
  dataDir: string;
  /** Background failures (lease expiry, resumed compaction); they are retried, not fatal. */
  onError?: (err: unknown) => void;
  /** `--quota-backend-bytes`: 0 or unset is etcd's default (2 GiB), negative turns the quota off. */
  quotaBackendBytes?: number;
}

/** The store's file inside the data dir. */
export const storeFileName = 'kapi.mdb';

/** Takes the data dir's lock, then opens the LMDB file; releases the lock if opening fails. */
function openTables(dataDir: string): { lock: DataDirLock; tables: LmdbTables } {
  const lock = DataDirLock.acquire(dataDir);
  try {
    checkStoreFile(path.join(dataDir, storeFileName));
    const tables = LmdbTables.open(path.join(dataDir, storeFileName));
    try {
      ensureDataDirFormat(tables, dataDir);
    } catch (err) {
      void tables.close();
      throw err;
    }
    return { lock, tables };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/**
 * The embedded durable KV (`--storage-backend embedded`): apiserver-core's LogKV (etcd's semantics)
 * over one LMDB file under the data dir. An acknowledged write is synced to disk; one process owns
 * the data dir at a time (a second open throws at once).
 */
export class EmbeddedKV extends storage.LogKV {
  readonly dataDir: string;
  private readonly lmdb: LmdbTables;

  constructor(opts: EmbeddedKVOptions) {
    const dataDir = path.resolve(opts.dataDir);
    const { lock, tables } = openTables(dataDir);
    const quota = new BackendQuota(opts.quotaBackendBytes || defaultQuotaBackendBytes, () => tables.sizeInUse());
    super(tables, { name: 'embedded store', onError: opts.onError, onClosed: () => lock.release(), admitPut: (cost) => quota.admit(cost) });
    this.dataDir = dataDir;
    this.lmdb = tables;
  }

  /** The store file's size on disk and the bytes of its pages in use (the quota's measure). */
  size(): { sizeBytes: number; sizeInUseBytes: number } {
    return { sizeBytes: this.lmdb.fileSize(), sizeInUseBytes: this.lmdb.sizeInUse() };
  }

  /** Sizes of the store, for metrics and tests. */
  stats(): { revision: number; compacted: number; logRows: number; indexKeys: number; fileBytes: number } {
    return { ...this.revisions(), ...this.lmdb.stats() };
  }
}
