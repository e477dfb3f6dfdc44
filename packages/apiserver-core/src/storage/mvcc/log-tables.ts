import type { IndexEntry, LeaseEntry, LogRow } from './log-row';

/**
 * What the MVCC layer needs from a store: four tables and atomic transactions. Reads are
 * synchronous and see one consistent snapshot for the length of a synchronous call; inside
 * `transaction` they see the transaction's own writes. Writes are only valid inside `transaction`.
 * LMDB provides it (LmdbTables); an in-memory map could too.
 */
export interface LogTables {
  row(revision: number): LogRow | undefined;
  /** Rows with fromRevision ≤ revision, in revision order. */
  rowsFrom(fromRevision: number): Iterable<{ revision: number; row: LogRow }>;
  putRow(revision: number, row: LogRow): void;
  removeRow(revision: number): void;

  indexEntry(key: string): IndexEntry | undefined;
  /** Index entries with start ≤ key < end, in key (UTF-8 byte) order. */
  indexRange(start: string, end: string): Iterable<{ key: string; entry: IndexEntry }>;
  putIndex(key: string, entry: IndexEntry): void;
  removeIndex(key: string): void;

  /** Leases in expiry order. */
  leases(): Iterable<LeaseEntry>;
  putLease(lease: LeaseEntry): void;
  removeLease(expiresAt: number, key: string): void;

  /** Counters: the store's revision, the compacted revision, compaction progress. */
  meta(name: MetaName): number;
  putMeta(name: MetaName, value: number): void;

  /**
   * Runs fn atomically and durably: the promise resolves once the writes are on disk. fn must not
   * throw after writing (a throw does not roll back writes already made in a shared batch).
   */
  transaction<T>(fn: () => T): Promise<T>;
  /** Makes the next reads see every committed transaction. */
  refreshSnapshot(): void;
  close(): Promise<void>;
}

export type MetaName = 'revision' | 'compacted' | 'compactedThrough';
