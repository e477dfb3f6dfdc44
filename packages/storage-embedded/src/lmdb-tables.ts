import * as fs from 'node:fs';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { storage } from '@kapi/apiserver-core';

type IndexEntry = storage.IndexEntry;
type LeaseEntry = storage.LeaseEntry;
type LogRow = storage.LogRow;
type LogTables = storage.LogTables;
type MetaName = storage.MetaName;

/**
 * LogTables on one LMDB environment: `log` (revision → row), `index` (key bytes → newest row),
 * `leases` (expiry ms ‖ key bytes → revision) and `meta` (counters). Values are msgpack.
 *
 * Durability: overlappingSync is off, so a commit returns only after LMDB has synced it and a
 * resolved write is on disk. lmdb-js runs every write queued in one event turn in a single
 * transaction, so concurrent writers share one sync — that is what keeps creates/s high.
 */
export class LmdbTables implements LogTables {
  private readonly log: Database<LogRow, number>;
  private readonly index: Database<IndexEntry, Buffer>;
  private readonly leaseDB: Database<number, Buffer>;
  private readonly metaDB: Database<number, string>;

  private constructor(
    private readonly env: RootDatabase,
    private readonly file: string,
  ) {
    this.log = env.openDB<LogRow, number>({ name: 'log' });
    this.index = env.openDB<IndexEntry, Buffer>({ name: 'index', keyEncoding: 'binary' });
    this.leaseDB = env.openDB<number, Buffer>({ name: 'leases', keyEncoding: 'binary' });
    this.metaDB = env.openDB<number, string>({ name: 'meta' });
  }

  /** Opens (or creates) the environment in one file, `file`, beside its `-lock` file. */
  static open(file: string): LmdbTables {
    return new LmdbTables(open({ path: file, noSubdir: true, overlappingSync: false, maxDbs: 8 }), file);
  }

  /**
   * Bytes of the pages holding data now (every table's branch, leaf and overflow pages, the catalogue
   * and the two meta pages) — the file minus its free pages. Compaction lowers it at once; the file
   * itself only shrinks by a defrag (LMDB reuses free pages but never gives them back).
   */
  sizeInUse(): number {
    const pages = (s: PageStats) => s.treeBranchPageCount + s.treeLeafPageCount + s.overflowPages;
    // Stats come from the read snapshot, which lags behind commits until reset.
    this.env.resetReadTxn();
    const env = this.env.getStats() as PageStats & { pageSize: number };
    const tables = [this.log, this.index, this.leaseDB, this.metaDB].reduce((n, db) => n + pages(db.getStats() as PageStats), 0);
    return env.pageSize * (2 + pages(env) + tables);
  }

  /** Bytes of the store file: what the disk holds (apiserver_storage_size_bytes). */
  fileSize(): number {
    return fs.statSync(this.file).size;
  }

  /** Sizes for metrics and tests: rows in the log, keys in the index, bytes of the file. */
  stats(): { logRows: number; indexKeys: number; fileBytes: number } {
    return { logRows: entryCount(this.log), indexKeys: entryCount(this.index), fileBytes: fs.statSync(this.file).size };
  }

  row(revision: number): LogRow | undefined {
    return this.log.get(revision);
  }

  *rowsFrom(fromRevision: number): Iterable<{ revision: number; row: LogRow }> {
    for (const { key, value } of this.log.getRange({ start: fromRevision })) yield { revision: key, row: value };
  }

  putRow(revision: number, row: LogRow): void {
    settled(this.log.put(revision, row));
  }

  removeRow(revision: number): void {
    settled(this.log.remove(revision));
  }

  indexEntry(key: string): IndexEntry | undefined {
    return this.index.get(Buffer.from(key));
  }

  *indexRange(start: string, end: string): Iterable<{ key: string; entry: IndexEntry }> {
    for (const { key, value } of this.index.getRange({ start: Buffer.from(start), end: Buffer.from(end) })) {
      yield { key: key.toString('utf8'), entry: value };
    }
  }

  putIndex(key: string, entry: IndexEntry): void {
    settled(this.index.put(Buffer.from(key), entry));
  }

  removeIndex(key: string): void {
    settled(this.index.remove(Buffer.from(key)));
  }

  *leases(): Iterable<LeaseEntry> {
    for (const { key, value } of this.leaseDB.getRange({})) {
      yield { expiresAt: Number(key.readBigUInt64BE(0)), key: key.subarray(8).toString('utf8'), revision: value };
    }
  }

  putLease(lease: LeaseEntry): void {
    settled(this.leaseDB.put(leaseKey(lease.expiresAt, lease.key), lease.revision));
  }

  removeLease(expiresAt: number, key: string): void {
    settled(this.leaseDB.remove(leaseKey(expiresAt, key)));
  }

  meta(name: MetaName): number {
    return this.metaDB.get(name) ?? 0;
  }

  putMeta(name: MetaName, value: number): void {
    settled(this.metaDB.put(name, value));
  }

  /** The data-dir format recorded in the store (see data-dir-format.ts); undefined before versions were kept. */
  formatVersion(): number | undefined {
    return this.metaDB.get(formatKey);
  }

  /** Written synchronously at open, before any other write. */
  setFormatVersion(version: number): void {
    this.metaDB.putSync(formatKey, version);
  }

  /** A store nothing was ever written to. */
  isEmpty(): boolean {
    return this.meta('revision') === 0 && entryCount(this.log) === 0 && entryCount(this.index) === 0;
  }

  transaction<T>(fn: () => T): Promise<T> {
    return this.env.transaction(fn).catch((err: unknown) => {
      // A failed commit (disk full, I/O error) also rejects lmdb-js's own batch promises (the cause, the
      // commit, the flush); the writer gets the error here, so those copies must not end the process.
      (err as { commitError?: Promise<unknown> }).commitError?.catch(() => undefined);
      this.env.committed.then(undefined, () => undefined);
      (this.env as unknown as { flushed: PromiseLike<unknown> }).flushed.then(undefined, () => undefined);
      throw err;
    });
  }

  refreshSnapshot(): void {
    this.env.resetReadTxn();
  }

  async close(): Promise<void> {
    await this.env.close();
  }
}

/**
 * Writes inside a transaction each return a promise of the shared commit. The transaction's own
 * promise reports a failed commit (a full disk, an I/O error) to the writer; these copies of the
 * same failure must not surface again as unhandled rejections, which would end the process.
 */
function settled(write: Promise<unknown>): void {
  write.catch(() => undefined);
}

/** Beside the MVCC counters in `meta`, under a name they never use. */
const formatKey = 'dataDirFormat';

/** Expiry first (big-endian, so byte order is time order), then the key. */
function leaseKey(expiresAt: number, key: string): Buffer {
  const buf = Buffer.alloc(8 + Buffer.byteLength(key));
  buf.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(expiresAt))), 0);
  buf.write(key, 8, 'utf8');
  return buf;
}

interface PageStats {
  treeBranchPageCount: number;
  treeLeafPageCount: number;
  overflowPages: number;
}

function entryCount(db: { getStats(): unknown }): number {
  return (db.getStats() as { entryCount?: number }).entryCount ?? 0;
}
