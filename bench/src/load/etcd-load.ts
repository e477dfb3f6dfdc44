/**
 * The baseline: the same writes and reads kapi's etcd3 backend issues, straight through the
 * `etcd3` client — create-if-absent as one txn (compare createRevision = 0, put, else range) and a
 * single-key range.
 */
import { Etcd3 } from 'etcd3';
import { storedConfigMapBytes } from '../payload';
import { closedLoop } from './closed-loop';
import type { Job, ThroughputResult } from './jobs';

export async function runEtcdJob(job: Job): Promise<ThroughputResult> {
  if (job.kind !== 'etcd-creates' && job.kind !== 'etcd-gets') throw new Error(`not an etcd job: ${job.kind}`);
  const client = new Etcd3({ hosts: job.endpoint });
  try {
    if (job.kind === 'etcd-creates') {
      const value = storedConfigMapBytes(job.namespace, 'bench-raw-00000000');
      return await closedLoop(async (seq) => {
        const key = Buffer.from(`${job.keyPrefix}${seq}`);
        const res = await client.kv.txn({
          compare: [{ key, target: 'Create', result: 'Equal', create_revision: 0 }],
          success: [{ request_put: { key, value } }],
          failure: [{ request_range: { key } }],
        });
        return res.succeeded;
      }, job);
    }
    const key = Buffer.from(job.key);
    await client.put(key).value(storedConfigMapBytes('bench-raw', 'target'));
    return await closedLoop(async () => {
      const res = await client.kv.range({ key });
      return res.kvs.length === 1;
    }, job);
  } finally {
    client.close();
  }
}
