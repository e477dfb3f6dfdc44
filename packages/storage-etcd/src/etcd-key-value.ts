/**
 * etcd's wire key-values (revisions as decimal strings, since the client decodes int64 that way)
 * as the KV surface's KeyValue with numbers. Revisions stay far below 2^53 in any real cluster;
 * lease ids may not, but they are only informational here (leases are attached by id string).
 */
import type { storage } from '@kapi/apiserver-core';
import type { IKeyValue } from 'etcd3';

export function toKeyValue(kv: IKeyValue): storage.KeyValue {
  const out: storage.KeyValue = {
    key: kv.key.toString('utf8'),
    value: kv.value ?? Buffer.alloc(0),
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
  };
  if (kv.lease && kv.lease !== '0') out.lease = Number(kv.lease);
  return out;
}
