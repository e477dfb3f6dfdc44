/**
 * etcd's failures in the KV surface's words, so KVStore answers the right Status: a compacted
 * revision becomes 410 Expired, a future one TooLargeResourceVersion, and anything else
 * (connection refused, deadline exceeded, open circuit, closed client) Unavailable, which KVStore
 * reports as an Unreachable storage error — a 5xx the client may retry.
 */
import { storage } from '@kapi/apiserver-core';

const { KVError } = storage;
type KVError = storage.KVError;

// etcd's messages (mvcc.ErrCompacted / ErrFutureRev), as they arrive over gRPC.
const compactedMessage = 'required revision has been compacted';
const futureMessage = 'required revision is a future revision';

export function isCompactedError(err: unknown): boolean {
  return err instanceof Error && err.message.includes(compactedMessage);
}

export function isFutureRevisionError(err: unknown): boolean {
  return err instanceof Error && err.message.includes(futureMessage);
}

/** Maps an error of the etcd3 client; `revision` is the one the caller asked for, for messages. */
export function toKVError(err: unknown, revision = 0): KVError {
  if (err instanceof KVError) return err;
  if (isCompactedError(err)) return new KVError('Compacted', `required revision ${revision} has been compacted`);
  if (isFutureRevisionError(err)) return new KVError('FutureRevision', `required revision ${revision} is a future revision`);
  // etcd's NOSPACE alarm refuses puts until compaction, defrag and `etcdctl alarm disarm`.
  if (err instanceof Error && err.message.includes('database space exceeded')) return new KVError('NoSpace', storage.noSpaceMessage);
  const detail = err instanceof Error ? err.message : String(err);
  return new KVError('Unavailable', `etcd unavailable: ${detail}`);
}
