/**
 * The baseline: the same writes and reads kapi's etcd3 backend issues, straight through the
 * `etcd3` client — create-if-absent as one txn (compare createRevision = 0, put, else range) and a
 * single-key range.
 */
import { randomUUID } from 'node:crypto';
import { Etcd3 } from 'etcd3';
import { storedConfigMapBytes } from '../payload';
import { closedLoop, fixedCount } from './closed-loop';
import type { FillResult, Job, ThroughputResult } from './jobs';

/**
 * Fills a store quickly for the figures that need many objects (LIST 5k, memory per object): copies
 * of an object kapi itself wrote, each with its own name and uid, put straight into etcd. kapi's
 * watch cache takes them in from its etcd watch, as it would objects another apiserver wrote.
 */
async function fill(job: Extract<Job, { kind: 'etcd-fill' }>): Promise<FillResult> {
  const client = new Etcd3({ hosts: job.endpoint });
  try {
    const template = await client.get(job.templateKey).string();
    if (template === null) throw new Error(`no template object at ${job.templateKey}`);
    const obj = JSON.parse(template) as { metadata: { name: string; uid?: string } };
    const dir = job.templateKey.slice(0, job.templateKey.length - job.templateName.length);
    let revision = 0;
    const r = await fixedCount(
      async (seq) => {
        const name = `${job.namePrefix}-${seq}`;
        obj.metadata.name = name;
        obj.metadata.uid = randomUUID();
        const res = await client.put(`${dir}${name}`).value(JSON.stringify(obj)).exec();
        revision = Math.max(revision, Number(res.header.revision));
        return true;
      },
      job.count,
      job.concurrency,
    );
    if (r.errors > 0) throw new Error(`etcd fill: ${r.errors} puts failed; first: ${r.firstError}`);
    return { written: r.ok, elapsedMs: r.elapsedMs, revision };
  } finally {
    client.close();
  }
}

export async function runEtcdJob(job: Job): Promise<ThroughputResult | FillResult> {
  if (job.kind === 'etcd-fill') return fill(job);
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
