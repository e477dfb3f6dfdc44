/**
 * The KV surface on a real etcd v3 (apiserver/pkg/storage/etcd3/store.go's etcd calls): KVStore
 * above it adds Kubernetes semantics, exactly as for the memory and embedded backends, so the
 * conformance suite proves all three alike. Keys are stored as given — KVStore has already put
 * --etcd-prefix in front — so `etcdctl get --prefix /registry/configmaps/` shows kapi's objects.
 *
 * Writes are single transactions, as kube-apiserver issues them: create compares createRevision
 * with 0, update and delete compare modRevision with the revision the caller read; on a failed
 * compare the same round trip returns the current key. The unary calls go through LeanKVClient (one
 * HTTP/2 session per endpoint), and so do the one watch stream and lease grants.
 */
import { storage } from '@kapi/apiserver-core';
import type { Etcd3 } from 'etcd3';
import type { EtcdClientOptions } from './etcd-client';
import { isCompactedError, toKVError } from './etcd-errors';
import { fromWireKeyValue, leaseNumber } from './etcd-key-value';
import type { Compare, RequestOp, TxnResponse } from './grpc/etcd-proto';
import { LeanKVClient } from './lean-kv-client';
import { EtcdWatchStream } from './etcd-watch-stream';
import { LeaseManager } from './lease-manager';

type KeyValue = storage.KeyValue;
type TxnResult = storage.TxnResult;

export interface EtcdKVOptions {
  /** Client URLs (--etcd-servers). */
  servers: string[];
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Deadline of each request to etcd (default 10 s): a lost etcd fails requests, never hangs them. */
  requestTimeoutMs?: number;
  /** Deadline of the health probe (default 2 s, as kube-apiserver's etcd healthz). */
  healthTimeoutMs?: number;
}

export const defaultRequestTimeoutMs = 10_000;
export const defaultHealthTimeoutMs = 2_000;

/** The key kube-apiserver's compactors coordinate through (not under --etcd-prefix: one per etcd). */
export const compactRevKey = 'compact_rev_key';

export class EtcdKV implements storage.KV {
  /** etcd's KV, Maintenance, Lease and Watch calls. */
  readonly lean: LeanKVClient;
  private readonly watches: EtcdWatchStream;
  private readonly leases: LeaseManager;
  private readonly healthTimeoutMs: number;
  private readonly retryAttempts: number;
  private closed?: Promise<void>;

  private readonly clientOpts: EtcdClientOptions;
  private etcd3?: Etcd3;

  /**
   * An etcd3 client on the same endpoints, made on first use, for tests and tools that talk to etcd
   * directly. kapi's own calls never touch it: etcd3 loads grpc-js and parses its rpc.proto when
   * required (about 0.3 s of an etcd-backed start-up).
   */
  get client(): Etcd3 {
    this.etcd3 ??= (require('./etcd-client') as typeof import('./etcd-client')).newEtcdClient(this.clientOpts);
    return this.etcd3;
  }

  private progressCheck?: Promise<{ version: string; reliable: boolean }>;
  constructor(opts: EtcdKVOptions) {
    this.clientOpts = { ...opts, requestTimeoutMs: opts.requestTimeoutMs ?? defaultRequestTimeoutMs };
    this.lean = new LeanKVClient(this.clientOpts);
    this.watches = new EtcdWatchStream(this.lean);
    this.leases = new LeaseManager(this.lean);
    this.healthTimeoutMs = opts.healthTimeoutMs ?? defaultHealthTimeoutMs;
    // A read failed by a dead endpoint moves LeanKVClient to the next one; three tries per other endpoint
    // bound the loop even when several fail in turn.
    this.retryAttempts = 3 * (opts.servers.length - 1) + 1;
  }

  async get(key: string, revision = 0): Promise<{ kv?: KeyValue; revision: number }> {
    const res = await this.call(() => this.lean.range({ key: Buffer.from(key), revision }), revision, true);
    return { kv: res.kvs.length > 0 ? fromWireKeyValue(res.kvs[0]) : undefined, revision: res.revision };
  }

  async range(prefix: string, opts: storage.RangeOptions = {}): Promise<storage.RangeResult> {
    const start = opts.startKey && opts.startKey > prefix ? opts.startKey : prefix;
    const revision = opts.revision ?? 0;
    const res = await this.call(
      () => this.lean.range({ key: Buffer.from(start), rangeEnd: Buffer.from(storage.prefixEnd(prefix)), revision, limit: opts.limit ?? 0 }),
      revision,
      true,
    );
    // etcd's count covers the whole [start, end) range at that revision, whatever the limit.
    return { kvs: res.kvs.map(fromWireKeyValue), revision: res.revision, more: res.more, count: res.count };
  }

  async count(prefix: string): Promise<number> {
    const res = await this.call(() => this.lean.range({ key: Buffer.from(prefix), rangeEnd: Buffer.from(storage.prefixEnd(prefix)), countOnly: true }), 0, true);
    return res.count;
  }

  async create(key: string, value: Buffer, ttlSeconds?: number): Promise<TxnResult> {
    const k = Buffer.from(key);
    const lease = await this.lease(ttlSeconds);
    const res = await this.txn({ key: k, target: { createRevision: 0 } }, { put: { key: k, value, lease } }, k);
    if (!res.succeeded) return this.failed(res);
    const rev = res.revision;
    return { succeeded: true, revision: rev, kv: { key, value, createRevision: rev, modRevision: rev, ...leaseField(lease) } };
  }

  async update(key: string, value: Buffer, expectedModRevision: number, ttlSeconds?: number): Promise<TxnResult> {
    const k = Buffer.from(key);
    const lease = await this.lease(ttlSeconds);
    const res = await this.txn({ key: k, target: { modRevision: expectedModRevision } }, { put: { key: k, value, lease, prevKv: true } }, k);
    if (!res.succeeded) return this.failed(res);
    const rev = res.revision;
    const prev = res.responses[0]?.put?.prevKv;
    const createRevision = prev ? prev.createRevision : rev;
    return { succeeded: true, revision: rev, kv: { key, value, createRevision, modRevision: rev, ...leaseField(lease) } };
  }

  async delete(key: string, expectedModRevision: number): Promise<TxnResult> {
    const k = Buffer.from(key);
    const res = await this.txn({ key: k, target: { modRevision: expectedModRevision } }, { deleteRange: { key: k, prevKv: true } }, k);
    if (!res.succeeded) return this.failed(res);
    const deleted = res.responses[0]?.deleteRange?.prevKvs ?? [];
    return { succeeded: true, revision: res.revision, kv: deleted.length > 0 ? fromWireKeyValue(deleted[0]) : undefined };
  }

  watch(prefix: string, startRevision: number, sink: storage.KVWatchSink): storage.KVWatch {
    return this.watches.watch(Buffer.from(prefix), Buffer.from(storage.prefixEnd(prefix)), startRevision, sink);
  }

  async currentRevision(): Promise<number> {
    // Any read answers with the store's revision in its header; a count of one key costs nothing.
    const res = await this.call(() => this.lean.range({ key: Buffer.from([0]), countOnly: true }), 0, true);
    return res.revision;
  }

  async compact(revision: number): Promise<void> {
    try {
      await this.lean.compact({ revision });
    } catch (err) {
      // Already compacted to there (another apiserver's compactor, or etcd's own): nothing to do.
      if (isCompactedError(err)) return;
      throw toKVError(err, revision);
    }
  }

  /**
   * kube's compactor coordination (etcd3/compact.go): one txn on the version of compact_rev_key, a
   * key outside --etcd-prefix shared by every apiserver on this etcd. The put bumps the version, so
   * the others' compares fail until they read it; the failure branch returns the key to read it from.
   */
  async claimCompaction(expectedVersion: number, revision: number): Promise<storage.CompactionClaim> {
    const key = Buffer.from(compactRevKey);
    const res = await this.call(() =>
      this.lean.txn({
        compare: [{ key, target: { version: expectedVersion } }],
        success: [{ put: { key, value: Buffer.from(String(revision)) } }],
        failure: [{ range: { key } }],
      }),
    );
    if (res.succeeded) return { succeeded: true, version: expectedVersion + 1, revision: res.revision };
    const kvs = res.responses[0]?.range?.kvs ?? [];
    return { succeeded: false, version: kvs.length > 0 ? kvs[0].version : 0, revision: res.revision };
  }

  /**
   * etcd before 3.4.31 / 3.5.13 may answer RequestProgress with a revision ahead of events a
   * catching-up watch has yet to deliver (etcd#15220 and its follow-ups), which would vouch for a
   * stale watch cache. kube-apiserver serves consistent reads from its cache only on fixed versions;
   * here older ones refuse progress requests, and the cacher sends such reads to etcd instead.
   */
  async requestProgress(): Promise<void> {
    this.progressCheck ??= this.call(() => this.lean.status(), 0, true).then(
      (status) => ({ version: status.version, reliable: reliableProgressVersion(status.version) }),
      (err) => {
        this.progressCheck = undefined;
        throw err;
      },
    );
    const { version, reliable } = await this.progressCheck;
    if (!reliable) throw new storage.KVError('Unavailable', `etcd ${version} cannot answer progress requests reliably (etcd#15220); 3.4.31 or 3.5.13 needed`);
    return this.watches.requestProgress();
  }

  /**
   * kube-apiserver's etcd probe: any answer to a tiny read within a short deadline means healthy.
   * One deadline for the whole probe, the tries on other endpoints included: an instance cut off
   * from etcd must fail /readyz within it, not after one deadline per endpoint and retry.
   */
  async health(): Promise<void> {
    const deadline = Date.now() + this.healthTimeoutMs;
    await this.call(() => this.lean.range({ key: Buffer.from('health'), countOnly: true }, { deadline }), 0, true);
  }

  /** etcd's backend size (the etcd_db_total_size_in_bytes gauge), from the first endpoint that answers. */
  async dbSizeBytes(): Promise<number> {
    const status = await this.call(() => this.lean.status(), 0, true);
    return status.dbSize;
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.watches.close();
      this.lean.close();
      this.etcd3?.close();
    })();
    return this.closed;
  }

  private async lease(ttlSeconds?: number): Promise<string | undefined> {
    if (!ttlSeconds || ttlSeconds <= 0) return undefined;
    return this.call(() => this.leases.leaseFor(ttlSeconds), 0, true);
  }

  private txn(compare: Compare, onSuccess: RequestOp, key: Buffer): Promise<TxnResponse> {
    return this.call(() => this.lean.txn({ compare: [compare], success: [onSuccess], failure: [{ range: { key } }] }));
  }

  /** A failed compare: the current key (if any) came back from the failure branch's range. */
  private failed(res: TxnResponse): TxnResult {
    const kvs = res.responses[0]?.range?.kvs ?? [];
    return { succeeded: false, revision: res.revision, kv: kvs.length > 0 ? fromWireKeyValue(kvs[0]) : undefined };
  }

  /**
   * Runs one etcd call, mapping its failure. Reads and lease grants are retried on another endpoint
   * when one is unavailable (the client tries one endpoint per call); writes are not, since a write
   * whose reply was lost may have landed, and a second attempt would report a false conflict.
   */
  private async call<T>(fn: () => Promise<T>, revision = 0, retryable = false): Promise<T> {
    if (this.closed) throw new storage.KVError('Unavailable', 'etcd client is closed');
    const attempts = retryable ? this.retryAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const mapped = toKVError(err, revision);
        if (attempt >= attempts || mapped.code !== 'Unavailable' || this.closed) throw mapped;
      }
    }
  }
}

function leaseField(lease: string | undefined): { lease?: number } {
  return lease ? { lease: leaseNumber(lease) } : {};
}

/** Whether an etcd version answers progress requests only once every watch delivered up to them. */
export function reliableProgressVersion(version: string): boolean {
  const [major, minor, patch] = version.split('.').map((n) => parseInt(n, 10));
  if (major !== 3) return major > 3;
  if (minor === 4) return patch >= 31;
  if (minor === 5) return patch >= 13;
  return minor > 5;
}
