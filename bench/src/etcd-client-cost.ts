/**
 * Client-side CPU of kapi's etcd calls, in one process against one real etcd: the create txn
 * (compare createRevision = 0, put, range on failure) and the single-key get, 64 in flight, through
 * the etcd3 client as etcd-client.ts configures it (grpc-js, protobufjs, cockatiel) and through
 * LeanKVClient, in interleaved rounds. The figure the lean client's commits quote before/after;
 * the server's share of a create in the bench is this plus everything else kapi does.
 *   node --conditions=kapi-source --require tsx/cjs bench/src/etcd-client-cost.ts
 */
import { LeanKVClient, newEtcdClient, startEtcd } from '@kapi/storage-etcd';
import { storedConfigMapBytes } from './payload';

const inFlight = 64;
const opsPerRound = 4000;

interface Calls {
  create(key: Buffer, value: Buffer): Promise<unknown>;
  get(key: Buffer): Promise<unknown>;
}

async function cpuPerOp(op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < opsPerRound) await op(next++);
    }),
  );
  const used = process.cpuUsage(start);
  return (used.user + used.system) / opsPerRound;
}

async function main(): Promise<void> {
  const etcd = await startEtcd();
  const opts = { servers: [etcd.endpoint], requestTimeoutMs: 10_000 };
  const etcd3 = newEtcdClient(opts);
  const lean = new LeanKVClient(opts);
  const value = storedConfigMapBytes('bench', 'cost');
  const clients: Record<string, Calls> = {
    etcd3: {
      create: (key, v) =>
        etcd3.kv.txn({
          compare: [{ key, target: 'Create', result: 'Equal', create_revision: 0 }],
          success: [{ request_put: { key, value: v } }],
          failure: [{ request_range: { key } }],
        }),
      get: (key) => etcd3.kv.range({ key }),
    },
    lean: {
      create: (key, v) => lean.txn({ compare: [{ key, target: { createRevision: 0 } }], success: [{ put: { key, value: v } }], failure: [{ range: { key } }] }),
      get: (key) => lean.range({ key }),
    },
  };
  const results: Record<string, { create: number[]; get: number[] }> = { etcd3: { create: [], get: [] }, lean: { create: [], get: [] } };
  let round = 0;
  try {
    for (let r = 0; r < 6; r++) {
      for (const name of r % 2 === 0 ? ['etcd3', 'lean'] : ['lean', 'etcd3']) {
        const c = clients[name];
        const prefix = `/cost/${round++}/`;
        const create = await cpuPerOp((i) => c.create(Buffer.from(`${prefix}${i}`), value));
        const get = await cpuPerOp((i) => c.get(Buffer.from(`${prefix}${i % 100}`)));
        // The first round of each warms up the JIT.
        if (r >= 2) {
          results[name].create.push(create);
          results[name].get.push(get);
        }
      }
    }
  } finally {
    etcd3.close();
    lean.close();
    await etcd.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
  console.log(
    JSON.stringify({
      usPerCreateTxnEtcd3: median(results.etcd3.create),
      usPerCreateTxnLean: median(results.lean.create),
      usPerGetEtcd3: median(results.etcd3.get),
      usPerGetLean: median(results.lean.get),
      rounds: results,
    }),
  );
}

void main();
