import { storage } from '@kapi/apiserver-core';

/** etcd's DefaultQuotaBytes: what `--quota-backend-bytes 0` (and no flag) means. */
export const defaultQuotaBackendBytes = 2 * 1024 * 1024 * 1024;

/**
 * etcd's BackendQuota for the embedded store (`--quota-backend-bytes`): a put whose cost would take
 * the bytes in use to the quota is refused with etcd's own error, which the server answers as
 * kube-apiserver answers etcd's NOSPACE (500 "etcdserver: mvcc: database space exceeded").
 *
 * Unlike etcd, which counts the whole file and keeps refusing until an operator defragments and
 * disarms its alarm, the embedded store counts the pages in use: deleting objects and the next
 * compaction (every 5 minutes by default) make room, and writes succeed again by themselves.
 * `kapi defrag` then returns the file's free pages to the disk.
 */
export class BackendQuota {
  constructor(
    private readonly maxBytes: number,
    private readonly sizeInUse: () => number,
  ) {}

  /** A negative quota turns the check off (for a store on its own disk the operator watches). */
  admit(cost: number): void {
    if (this.maxBytes < 0) return;
    if (this.sizeInUse() + cost >= this.maxBytes) throw new storage.KVError('NoSpace', storage.noSpaceMessage);
  }
}
