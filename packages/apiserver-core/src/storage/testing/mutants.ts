import type { RangeOptions, RangeResult, TxnResult } from '../kv/interfaces';
import { KVStore } from '../kv/kv-store';
import { MemoryKV } from '../memory/memory-kv';
import type { DeleteOptions, Interface } from '../interfaces';
import type { KObject } from '../../runtime/object';
import type { ConformanceFixture } from './conformance';

/**
 * Wrong backends the conformance suite must reject (issue 20, bug 3): each is the memory backend
 * with one plausible bug. A suite that lets one of them pass cannot be trusted to judge a new backend.
 */
export const mutantNames = ['ttl-ignored', 'delete-rv-precondition-ignored', 'list-rv-newest-item', 'exact-read-after-compaction'] as const;
export type MutantName = (typeof mutantNames)[number];

/** Forgets every TTL: keys never expire. */
class TTLIgnoringKV extends MemoryKV {
  override create(key: string, value: Buffer): Promise<TxnResult> {
    return super.create(key, value);
  }
  override update(key: string, value: Buffer, expectedModRevision: number): Promise<TxnResult> {
    return super.update(key, value, expectedModRevision);
  }
}

/** Answers the revision of the newest key under the prefix instead of the store's revision. */
class NewestItemRevisionKV extends MemoryKV {
  override async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const res = await super.range(prefix, opts);
    if (opts.revision) return res;
    const all = await super.range(prefix, { revision: res.revision });
    const newest = Math.max(0, ...all.kvs.map((kv) => kv.modRevision));
    return newest > 0 ? { ...res, revision: newest } : res;
  }
}

/** Serves a read below the compacted revision from the current data instead of failing. */
class CompactionBlindKV extends MemoryKV {
  override async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    if (opts.revision && opts.revision < this.revisions().compacted) return super.range(prefix, { ...opts, revision: 0 });
    return super.range(prefix, opts);
  }
}

/** Checks the uid precondition of a delete but not the resourceVersion one. */
class DeleteIgnoringRVStore extends KVStore {
  override delete(key: string, opts: DeleteOptions = {}): Promise<KObject> {
    return super.delete(key, opts.preconditions ? { ...opts, preconditions: { uid: opts.preconditions.uid } } : opts);
  }
}

export function newMutantFixture(name: MutantName): ConformanceFixture {
  const kv =
    name === 'ttl-ignored'
      ? new TTLIgnoringKV()
      : name === 'list-rv-newest-item'
        ? new NewestItemRevisionKV()
        : name === 'exact-read-after-compaction'
          ? new CompactionBlindKV()
          : new MemoryKV();
  const opts = { pathPrefix: '/registry' };
  const storage: Interface = name === 'delete-rv-precondition-ignored' ? new DeleteIgnoringRVStore(kv, opts) : new KVStore(kv, opts);
  return { storage, compact: (rev) => kv.compact(rev), teardown: () => kv.close() };
}
