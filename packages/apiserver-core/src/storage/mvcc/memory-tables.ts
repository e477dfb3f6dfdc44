import type { IndexEntry, LeaseEntry, LogRow } from './log-row';
import type { LogTables, MetaName } from './log-tables';

function lowerBound<T>(sorted: T[], value: T, less: (a: T, b: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (less(sorted[mid], value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const lessNumber = (a: number, b: number) => a < b;
const lessString = (a: string, b: string) => a < b;
const lessLease = (a: LeaseEntry, b: LeaseEntry) => a.expiresAt < b.expiresAt || (a.expiresAt === b.expiresAt && a.key < b.key);

/** A copy of MemoryTables' content (MemoryKV.snapshot); rows are never changed in place, so they are shared. */
export interface MemoryTablesSnapshot {
  readonly rows: ReadonlyMap<number, LogRow>;
  readonly revisions: readonly number[];
  readonly index: ReadonlyMap<string, IndexEntry>;
  readonly keys: readonly string[];
  readonly leases: readonly LeaseEntry[];
  readonly counters: ReadonlyMap<MetaName, number>;
}

/**
 * LogTables in plain maps and sorted arrays, for `--storage-backend memory` and tests. A
 * transaction runs synchronously, so it is atomic in one event-loop turn; nothing is durable.
 * Iterators work on a copy of the ordering so writes during an iteration do not disturb it.
 */
export class MemoryTables implements LogTables {
  private readonly rows = new Map<number, LogRow>();
  private readonly revisions: number[] = [];
  private readonly index = new Map<string, IndexEntry>();
  private readonly keys: string[] = [];
  private readonly leaseList: LeaseEntry[] = [];
  private readonly counters = new Map<MetaName, number>();

  row(revision: number): LogRow | undefined {
    return this.rows.get(revision);
  }

  *rowsFrom(fromRevision: number): Iterable<{ revision: number; row: LogRow }> {
    for (const revision of this.revisions.slice(lowerBound(this.revisions, fromRevision, lessNumber))) {
      const row = this.rows.get(revision);
      if (row) yield { revision, row };
    }
  }

  putRow(revision: number, row: LogRow): void {
    if (!this.rows.has(revision)) this.revisions.splice(lowerBound(this.revisions, revision, lessNumber), 0, revision);
    this.rows.set(revision, row);
  }

  removeRow(revision: number): void {
    if (!this.rows.delete(revision)) return;
    this.revisions.splice(lowerBound(this.revisions, revision, lessNumber), 1);
  }

  indexEntry(key: string): IndexEntry | undefined {
    return this.index.get(key);
  }

  *indexRange(start: string, end: string): Iterable<{ key: string; entry: IndexEntry }> {
    const from = lowerBound(this.keys, start, lessString);
    const to = lowerBound(this.keys, end, lessString);
    for (const key of this.keys.slice(from, to)) {
      const entry = this.index.get(key);
      if (entry) yield { key, entry };
    }
  }

  putIndex(key: string, entry: IndexEntry): void {
    if (!this.index.has(key)) this.keys.splice(lowerBound(this.keys, key, lessString), 0, key);
    this.index.set(key, entry);
  }

  removeIndex(key: string): void {
    if (!this.index.delete(key)) return;
    this.keys.splice(lowerBound(this.keys, key, lessString), 1);
  }

  leases(): Iterable<LeaseEntry> {
    return this.leaseList.slice();
  }

  putLease(lease: LeaseEntry): void {
    this.removeLease(lease.expiresAt, lease.key);
    this.leaseList.splice(lowerBound(this.leaseList, lease, lessLease), 0, lease);
  }

  removeLease(expiresAt: number, key: string): void {
    const i = lowerBound(this.leaseList, { expiresAt, key, revision: 0 }, lessLease);
    if (this.leaseList[i]?.expiresAt === expiresAt && this.leaseList[i]?.key === key) this.leaseList.splice(i, 1);
  }

  meta(name: MetaName): number {
    return this.counters.get(name) ?? 0;
  }

  putMeta(name: MetaName, value: number): void {
    this.counters.set(name, value);
  }

  /** The content as it is now; later writes do not change it. */
  snapshot(): MemoryTablesSnapshot {
    return {
      rows: new Map(this.rows),
      revisions: this.revisions.slice(),
      index: new Map(this.index),
      keys: this.keys.slice(),
      leases: this.leaseList.slice(),
      counters: new Map(this.counters),
    };
  }

  /** Replaces the content with a snapshot's (which stays unchanged, so it can be loaded again). */
  load(snapshot: MemoryTablesSnapshot): void {
    const refill = <K, V>(target: Map<K, V>, from: ReadonlyMap<K, V>) => {
      target.clear();
      for (const [k, v] of from) target.set(k, v);
    };
    refill(this.rows, snapshot.rows);
    refill(this.index, snapshot.index);
    refill(this.counters, snapshot.counters);
    this.revisions.splice(0, this.revisions.length, ...snapshot.revisions);
    this.keys.splice(0, this.keys.length, ...snapshot.keys);
    this.leaseList.splice(0, this.leaseList.length, ...snapshot.leases);
  }

  async transaction<T>(fn: () => T): Promise<T> {
    return fn();
  }

  refreshSnapshot(): void {}

  async close(): Promise<void> {}
}
