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
  /** Bytes in use when last measured, and the cost admitted since (an estimate of the growth). */
  private measured = -1;
  private admittedSince = 0;
  private measuredAt = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeInUse: () => number,
  ) {}

  /**
   * A negative quota turns the check off (for a store on its own disk the operator watches).
   *
   * Measuring reads LMDB's page statistics of every table (about half the CPU of a small put), so a
   * put is admitted against the last measurement plus the costs admitted since, and the pages are
   * measured again at most every remeasureMs — and always before a put is refused, so a refusal is
   * never based on a stale size (after deletes and a compaction, the next put sees the room at once).
   */
  admit(cost: number): void {
    if (this.maxBytes < 0) return;
    const now = performance.now();
    if (this.measured < 0 || now - this.measuredAt >= remeasureMs || this.measured + this.admittedSince + cost >= this.maxBytes) {
      this.measured = this.sizeInUse();
      this.measuredAt = now;
      this.admittedSince = 0;
    }
    if (this.measured + this.admittedSince + cost >= this.maxBytes) throw new storage.KVError('NoSpace', storage.noSpaceMessage);
    this.admittedSince += cost;
  }
}

/** How stale the measured size may get while the estimate stays under the quota. */
const remeasureMs = 100;
