import * as storage from '../kv/interfaces';
import { tombstoneKeyValue, toKeyValue, type LeaseEntry, type LogRow } from './log-row';
import type { LogTables } from './log-tables';

type KeyValue = storage.KeyValue;
type KVEvent = storage.KVEvent;

/** What a write did: the KV answer, and the event it appends to the watch stream (if it wrote). */
export interface WriteOutcome {
  result: storage.TxnResult;
  event?: KVEvent;
  /** A TTL granted by this write, for the sweeper. */
  lease?: LeaseEntry;
}

/** A key's live row: the put it was last written with. */
interface LiveRow {
  revision: number;
  row: LogRow;
}

/** The revision a fresh store starts at, as etcd does: the first write gets 2. */
const initialRevision = 1;

/**
 * etcd's MVCC semantics over LogTables (kine's log-structured layer): one global revision, a log
 * row per write chained to the key's previous row, a current-key index, compare-and-swap writes
 * and compaction. Reads run in one synchronous call, so each sees a single snapshot; writes must
 * run inside tables.transaction, where they compare and append atomically.
 */
export class RevisionLog {
  constructor(private readonly tables: LogTables) {}

  revision(): number {
    return Math.max(this.tables.meta('revision'), initialRevision);
  }

  compacted(): number {
    return this.tables.meta('compacted');
  }

  get(key: string, revision = 0): { kv?: KeyValue; revision: number } {
    const current = this.revision();
    this.checkReadRevision(revision, current);
    return { kv: this.at(key, revision || current, current), revision: current };
  }

  range(prefix: string, opts: storage.RangeOptions = {}): storage.RangeResult {
    const current = this.revision();
    this.checkReadRevision(opts.revision ?? 0, current);
    const revision = opts.revision || current;
    const start = opts.startKey && opts.startKey > prefix ? opts.startKey : prefix;
    const kvs: KeyValue[] = [];
    let count = 0;
    for (const { key, entry } of this.tables.indexRange(start, rangeEnd(prefix))) {
      if (revision === current && entry.deleted) continue;
      const wanted = !opts.limit || kvs.length < opts.limit;
      // At the current revision a live index entry is enough to count a key; older reads walk its chain.
      if (revision === current && !wanted) {
        count++;
        continue;
      }
      const kv = this.at(key, revision, current);
      if (!kv) continue;
      count++;
      if (wanted) kvs.push(kv);
    }
    return { kvs, revision: current, more: count > kvs.length, count };
  }

  create(key: string, value: Buffer, expiresAt?: number): WriteOutcome {
    const live = this.live(key);
    if (live) return this.failed(live);
    return this.put(key, value, undefined, expiresAt);
  }

  update(key: string, value: Buffer, expectedModRevision: number, expiresAt?: number): WriteOutcome {
    const live = this.live(key);
    if (!live || live.revision !== expectedModRevision) return this.failed(live);
    return this.put(key, value, live, expiresAt);
  }

  delete(key: string, expectedModRevision: number): WriteOutcome {
    const live = this.live(key);
    if (!live || live.revision !== expectedModRevision) return this.failed(live);
    return this.remove(key, live);
  }

  /** A lease fired: delete its key, unless the key was rewritten since the lease was granted. */
  expire(lease: LeaseEntry): WriteOutcome {
    const live = this.live(lease.key);
    if (live && live.revision === lease.revision) return this.remove(lease.key, live);
    this.tables.removeLease(lease.expiresAt, lease.key);
    return this.failed(live);
  }

  /** The log from startRevision on, under prefix, as watch events (with prevKv). */
  *eventsFrom(prefix: string, startRevision: number): Iterable<KVEvent> {
    for (const { revision, row } of this.tables.rowsFrom(startRevision)) {
      if (row.key.startsWith(prefix)) yield this.eventOf(revision, row);
    }
  }

  /**
   * Starts compacting up to revision: from now on reads before it fail with Compacted. The rows
   * themselves go in compactStep batches, so a large compaction never holds one huge transaction.
   */
  beginCompaction(revision: number): void {
    const target = Math.min(revision, this.revision());
    if (target > this.compacted()) this.tables.putMeta('compacted', target);
  }

  /**
   * Removes what no read at or after the compacted revision needs: each row superseded by a later
   * row at or before it, and tombstones at or before it (with their index entry when still
   * newest). Returns true when the compaction is complete.
   */
  compactStep(maxRows: number): boolean {
    const target = this.compacted();
    const from = this.tables.meta('compactedThrough') + 1;
    const batch: Array<{ revision: number; row: LogRow }> = [];
    for (const r of this.tables.rowsFrom(from)) {
      if (r.revision > target || batch.length >= maxRows) break;
      batch.push(r);
    }
    for (const { revision, row } of batch) {
      if (row.prevRevision > 0) this.tables.removeRow(row.prevRevision);
      if (!row.deleted) continue;
      this.tables.removeRow(revision);
      if (this.tables.indexEntry(row.key)?.revision === revision) this.tables.removeIndex(row.key);
    }
    const through = batch.length < maxRows ? target : batch[batch.length - 1].revision;
    this.tables.putMeta('compactedThrough', through);
    return through >= target;
  }

  compactionPending(): boolean {
    return this.tables.meta('compactedThrough') < this.compacted();
  }

  private checkReadRevision(revision: number, current: number): void {
    if (revision > current) throw new storage.KVError('FutureRevision', `required revision ${revision} is a future revision`, current);
    const compacted = this.compacted();
    if (revision > 0 && revision < compacted) {
      throw new storage.KVError('Compacted', `required revision ${revision} has been compacted`, compacted);
    }
  }

  /** The key as of revision: its newest row at or before it, walking back along prevRevision. */
  private at(key: string, revision: number, current: number): KeyValue | undefined {
    const entry = this.tables.indexEntry(key);
    if (!entry || (revision === current && entry.deleted)) return undefined;
    let rev = entry.revision;
    let row = this.tables.row(rev);
    while (row && rev > revision) {
      rev = row.prevRevision;
      row = rev > 0 ? this.tables.row(rev) : undefined;
    }
    // A missing row was compacted away: nothing older is readable, so the key did not exist then.
    return row && !row.deleted ? toKeyValue(rev, row) : undefined;
  }

  private live(key: string): LiveRow | undefined {
    const entry = this.tables.indexEntry(key);
    if (!entry || entry.deleted) return undefined;
    const row = this.tables.row(entry.revision);
    return row ? { revision: entry.revision, row } : undefined;
  }

  private failed(live: LiveRow | undefined): WriteOutcome {
    return { result: { succeeded: false, revision: this.revision(), kv: live && toKeyValue(live.revision, live.row) } };
  }

  private put(key: string, value: Buffer, live: LiveRow | undefined, expiresAt?: number): WriteOutcome {
    const revision = this.revision() + 1;
    const row: LogRow = {
      key,
      value,
      createRevision: live ? live.row.createRevision : revision,
      prevRevision: this.tables.indexEntry(key)?.revision ?? 0,
      deleted: false,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
    this.append(revision, row, live);
    const lease = expiresAt !== undefined ? { expiresAt, key, revision } : undefined;
    if (lease) this.tables.putLease(lease);
    const kv = toKeyValue(revision, row);
    const prevKv = live && toKeyValue(live.revision, live.row);
    return { result: { succeeded: true, revision, kv }, event: { type: 'put', kv, prevKv }, lease };
  }

  private remove(key: string, live: LiveRow): WriteOutcome {
    const revision = this.revision() + 1;
    this.append(revision, { key, value: Buffer.alloc(0), createRevision: 0, prevRevision: live.revision, deleted: true }, live);
    const prevKv = toKeyValue(live.revision, live.row);
    return { result: { succeeded: true, revision, kv: prevKv }, event: { type: 'delete', kv: tombstoneKeyValue(revision, key), prevKv } };
  }

  private append(revision: number, row: LogRow, live: LiveRow | undefined): void {
    this.tables.putRow(revision, row);
    this.tables.putIndex(row.key, { revision, deleted: row.deleted });
    this.tables.putMeta('revision', revision);
    if (live?.row.expiresAt !== undefined) this.tables.removeLease(live.row.expiresAt, row.key);
  }

  private eventOf(revision: number, row: LogRow): KVEvent {
    const prev = row.prevRevision > 0 ? this.tables.row(row.prevRevision) : undefined;
    const prevKv = prev && !prev.deleted ? toKeyValue(row.prevRevision, prev) : undefined;
    if (row.deleted) return { type: 'delete', kv: tombstoneKeyValue(revision, row.key), prevKv };
    return { type: 'put', kv: toKeyValue(revision, row), prevKv };
  }
}

/** The end of a prefix range; '' ranges over every key. */
function rangeEnd(prefix: string): string {
  return prefix === '' ? '\u{10ffff}' : storage.prefixEnd(prefix);
}
