/**
 * etcd's key-values as the KV surface's KeyValue. Revisions stay far below 2^53 in any real
 * cluster; lease ids do not (etcd makes them from the member id and a counter), and the KV surface
 * only uses them to tell leases apart, so they are reported as their low 53 bits — where the
 * counter lives. Leases are attached by their full id string.
 */
import type { storage } from '@kapi/apiserver-core';
import type { KeyValue as WireKeyValue } from './grpc/etcd-proto';

const low53 = (1n << 53n) - 1n;

/** An etcd lease id (int64 as a decimal string) as a number that still tells leases apart. */
export function leaseNumber(id: string): number {
  return Number(BigInt(id) & low53);
}

/** A key-value as lean-kv-client.ts decodes it (numbers already, the lease as its low 53 bits). */
export function fromWireKeyValue(kv: WireKeyValue): storage.KeyValue {
  const out: storage.KeyValue = { key: kv.key, value: kv.value, createRevision: kv.createRevision, modRevision: kv.modRevision };
  if (kv.lease !== 0) out.lease = kv.lease;
  return out;
}
