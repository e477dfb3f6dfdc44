/**
 * Client-side CPU of kapi's etcd calls, in one process against one real etcd: the create txn
 * (compare createRevision = 0, put, range on failure), the single-key get, and a create together
 * with the watch event it causes on an open watch stream, 64 in flight, through
 * the etcd3 client as etcd-client.ts configures it (grpc-js, protobufjs, cockatiel) and through
 * LeanKVClient, in interleaved rounds. The figure the lean client's commits quote before/after;
 * the server's share of a create in the bench is this plus everything else kapi does.
 *   node --conditions=kapi-source --require tsx/cjs bench/src/etcd-client-cost.ts
 */
import { EtcdKV, LeanKVClient, startEtcd } from '@kapi/storage-etcd';
import type { Etcd3 } from 'etcd3';
import { storedConfigMapBytes } from './payload';

const inFlight = 64;
const opsPerRound = 4000;

interface Calls {
  create(key: Buffer, value: Buffer): Promise<unknown>;
  get(key: Buffer): Promise<unknown>;
  /** Opens the client's watch stream on a prefix; `onEvents` hears how many events each response carried. */
  watch(prefix: string, onEvents: (n: number) => void): () => void;
}

/** The etcd3 duplex EtcdWatchStream drove before the lean stream (create_request with progress_notify and prev_kv). */
function etcd3Watch(client: Etcd3, prefix: string, onEvents: (n: number) => void): () => void {
  let cancel = () => undefined as unknown;
  void client.watchClient.watch().then((stream) => {
    stream.on('data', (res) => onEvents(res.events.length));
    stream.on('error', () => undefined);
    stream.write({ create_request: { key: Buffer.from(prefix), range_end: Buffer.from(`${prefix.slice(0, -1)}0`), progress_notify: true, prev_kv: true, watch_id: 1 } });
    cancel = () => stream.cancel();
  });
  return () => cancel();
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

/** CPU per create while a watch on the prefix receives each create's event, until the last arrived. */
async function cpuWithEvents(c: Calls, prefix: string, value: Buffer): Promise<number> {
  let events = 0;
  let allArrived: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => {
    allArrived = resolve;
  });
  const stop = c.watch(prefix, (n) => {
    events += n;
    if (events >= opsPerRound) allArrived();
  });
  await new Promise((r) => setTimeout(r, 200)); // the watch is created before the first write
  const start = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < opsPerRound) await c.create(Buffer.from(`${prefix}${next++}`), value);
    }),
  );
  await arrived;
  const used = process.cpuUsage(start);
  stop();
  return (used.user + used.system) / opsPerRound;
}

async function main(): Promise<void> {
  const etcd = await startEtcd();
  const opts = { servers: [etcd.endpoint], requestTimeoutMs: 10_000 };
  const lean = new LeanKVClient(opts);
  const leanKV = new EtcdKV(opts);
  // The etcd3 client as etcd-client.ts configures it (deadline per call, a circuit breaker per endpoint).
  const etcd3 = leanKV.client;
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
      watch: (prefix, onEvents) => etcd3Watch(etcd3, prefix, onEvents),
    },
    lean: {
      create: (key, v) => lean.txn({ compare: [{ key, target: { createRevision: 0 } }], success: [{ put: { key, value: v } }], failure: [{ range: { key } }] }),
      get: (key) => lean.range({ key }),
      // EtcdKV's own watch stream (EtcdWatchStream on LeanKVClient), as kapi's cacher opens it.
      watch: (prefix, onEvents) => {
        const w = leanKV.watch(prefix, 0, { event: () => onEvents(1), error: () => undefined });
        return () => w.cancel();
      },
    },
  };
  type Figures = { create: number[]; get: number[]; createWithEvent: number[] };
  const results: Record<string, Figures> = { etcd3: { create: [], get: [], createWithEvent: [] }, lean: { create: [], get: [], createWithEvent: [] } };
  let round = 0;
  try {
    for (let r = 0; r < 8; r++) {
      for (const name of r % 2 === 0 ? ['etcd3', 'lean'] : ['lean', 'etcd3']) {
        const c = clients[name];
        const prefix = `/cost/${round++}/`;
        const create = await cpuPerOp((i) => c.create(Buffer.from(`${prefix}${i}`), value));
        const get = await cpuPerOp((i) => c.get(Buffer.from(`${prefix}${i % 100}`)));
        const createWithEvent = await cpuWithEvents(c, `${prefix}w/`, value);
        // The first round of each warms up the JIT.
        if (r >= 2) {
          results[name].create.push(create);
          results[name].get.push(get);
          results[name].createWithEvent.push(createWithEvent);
        }
      }
    }
  } finally {
    lean.close();
    await leanKV.close();
    await etcd.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
  console.log(
    JSON.stringify({
      usPerCreateTxnEtcd3: median(results.etcd3.create),
      usPerCreateTxnLean: median(results.lean.create),
      usPerGetEtcd3: median(results.etcd3.get),
      usPerGetLean: median(results.lean.get),
      usPerCreateWithWatchEventEtcd3: median(results.etcd3.createWithEvent),
      usPerCreateWithWatchEventLean: median(results.lean.createWithEvent),
      rounds: results,
    }),
  );
}

void main();
