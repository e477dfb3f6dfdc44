/**
 * The etcd-like key-value surface every storage backend provides (etcd v3 itself, the embedded store,
 * memory). Kubernetes semantics (objects, preconditions, paging, watch filtering) live once above it,
 * in KVStore — the way kine keeps etcd's surface thin over its log-structured layer.
 *
 * Failed compares are values ({ succeeded: false, current }), not exceptions.
 */
export interface KeyValue {
  key: string;
  value: Buffer;
  createRevision: number;
  modRevision: number;
  /** Lease (TTL) id when the key expires by itself. */
  lease?: number;
}

export interface TxnResult {
  succeeded: boolean;
  /** The store's revision after the transaction. */
  revision: number;
  /** On success: the written key (for delete: the deleted one). On failure: the current key, if any. */
  kv?: KeyValue;
}

export interface RangeOptions {
  /** Read as of this revision (0 = current). Older than compacted → KVError Compacted. */
  revision?: number;
  /** At most this many keys (0 = all). */
  limit?: number;
  /** First key to return (inclusive), for paging; defaults to the prefix itself. */
  startKey?: string;
}

export interface RangeResult {
  kvs: KeyValue[];
  revision: number;
  /** More keys follow within the prefix. */
  more: boolean;
  /** Keys in [startKey, end of prefix) at that revision, including the returned ones. */
  count: number;
}

export interface KVEvent {
  type: 'put' | 'delete';
  /** For put: the new value. For delete: key and the deletion's modRevision, empty value. */
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface KVWatchSink {
  /** Events in strictly increasing revision order; one transaction's events share a revision. */
  event(ev: KVEvent): void;
  /** The watch failed (compacted start, connection lost): no further events. */
  error(err: Error): void;
  /** Progress notification: every change up to this revision was delivered. */
  progress?(revision: number): void;
}

export interface KVWatch {
  cancel(): void;
}

/** The answer of KV.claimCompaction. */
export interface CompactionClaim {
  succeeded: boolean;
  version: number;
  revision: number;
}

export interface KV {
  get(key: string, revision?: number): Promise<{ kv?: KeyValue; revision: number }>;
  range(prefix: string, opts?: RangeOptions): Promise<RangeResult>;
  count(prefix: string): Promise<number>;
  create(key: string, value: Buffer, ttlSeconds?: number): Promise<TxnResult>;
  /** Writes when the key's modRevision still equals expectedModRevision. */
  update(key: string, value: Buffer, expectedModRevision: number, ttlSeconds?: number): Promise<TxnResult>;
  /** Deletes when the key's modRevision still equals expectedModRevision. */
  delete(key: string, expectedModRevision: number): Promise<TxnResult>;
  /** Events under prefix with revision ≥ startRevision (0 = from now on). */
  watch(prefix: string, startRevision: number, sink: KVWatchSink): KVWatch;
  currentRevision(): Promise<number>;
  /** Forgets history older than revision; reads and watches before it fail with Compacted. */
  compact(revision: number): Promise<void>;
  /**
   * Where several apiservers share the store (etcd), the compactors agree through one key: writes
   * `revision` to it when its version still equals `expectedVersion` (kube's compact_rev_key). Returns
   * whether this caller won the interval, the key's version now, and the store's revision.
   * Single-process backends leave it out and compact on their own.
   */
  claimCompaction?(expectedVersion: number, revision: number): Promise<CompactionClaim>;
  /** Asks open watches to report progress (etcd's RequestProgress). */
  requestProgress?(): Promise<void>;
  health(): Promise<void>;
  close(): Promise<void>;
}

/** NoSpace: the backend's quota is exhausted (etcd's NOSPACE alarm, the embedded --quota-backend-bytes). */
export type KVErrorCode = 'Compacted' | 'FutureRevision' | 'Unavailable' | 'NoSpace';

/** etcd's rpctypes.ErrNoSpace, as kube-apiserver passes it on. */
export const noSpaceMessage = 'etcdserver: mvcc: database space exceeded';

export class KVError extends Error {
  constructor(
    readonly code: KVErrorCode,
    message: string,
    /** For Compacted: the compacted revision; for FutureRevision: the current one. */
    readonly revision = 0,
  ) {
    super(message);
    this.name = 'KVError';
  }
}

export function isKVError(err: unknown, code?: KVErrorCode): err is KVError {
  return err instanceof KVError && (code === undefined || err.code === code);
}

/** The first key after every key that starts with prefix (etcd's range end for a prefix). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
