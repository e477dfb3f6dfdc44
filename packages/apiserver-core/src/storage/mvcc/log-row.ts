import type * as storage from '../kv/interfaces';

/**
 * One row of the revision log, keyed by its revision (kine's log-structured layer): every write
 * appends one, so the log is both the history for reads at an older revision and the watch stream.
 */
export interface LogRow {
  key: string;
  /** The value written; empty for a deletion. */
  value: Buffer;
  /** Revision of the put that created the key (the start of this life of the key). */
  createRevision: number;
  /** The key's previous row (put or deletion), 0 for its first; the chain walked for old reads. */
  prevRevision: number;
  /** A tombstone: the key was deleted at this revision. */
  deleted: boolean;
  /** Wall-clock ms when the key expires by itself (TTL), if it does. */
  expiresAt?: number;
}

/** The current-key index: where a key's newest row is (a tombstone stays until compaction). */
export interface IndexEntry {
  revision: number;
  deleted: boolean;
}

/** A lease (TTL) waiting to fire: the key expires at expiresAt unless rewritten since revision. */
export interface LeaseEntry {
  expiresAt: number;
  key: string;
  revision: number;
}

/** The KeyValue a put row stands for at its revision. */
export function toKeyValue(revision: number, row: LogRow): storage.KeyValue {
  const kv: storage.KeyValue = { key: row.key, value: row.value, createRevision: row.createRevision, modRevision: revision };
  // A lease id only has to tell one grant from another: the revision that granted it does.
  if (row.expiresAt !== undefined) kv.lease = revision;
  return kv;
}

/** The KeyValue of a deletion event, as etcd reports it: key and revision, no value. */
export function tombstoneKeyValue(revision: number, key: string): storage.KeyValue {
  return { key, value: Buffer.alloc(0), createRevision: 0, modRevision: revision };
}
