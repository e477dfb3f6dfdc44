import { expect } from 'chai';
import { storage, type StorageInterface } from '@kapi/apiserver-core';
import { IPAllocator, PortAllocator } from '@kapi/registry-core';
import { EtcdKV, startEtcd, type EtcdProcess } from '@kapi/storage-etcd';

/**
 * The ClusterIP and NodePort bitmaps under contention from three apiservers' worth of allocators,
 * each on its own etcd connection as each kapi process has: every allocation is distinct, and the
 * compare-and-swap conflicts the losers retried are counted (tests/ha-instances.test.ts does the
 * same through three real processes, where the retries cannot be seen from outside).
 */

/** The allocators' storage with its tryUpdate calls counted: a call beyond the first of an update is a conflict retried. */
function counted(s: StorageInterface, tally: { calls: number }): StorageInterface {
  return new Proxy(s, {
    get(target, prop, receiver) {
      if (prop !== 'guaranteedUpdate') return Reflect.get(target, prop, receiver) as unknown;
      return (key: string, opts: storage.GuaranteedUpdateOptions) =>
        target.guaranteedUpdate(key, {
          ...opts,
          tryUpdate: (existing, meta) => {
            tally.calls++;
            return opts.tryUpdate(existing, meta);
          },
        });
    },
  });
}

/** All at once: each round lets one writer per bitmap win, so retries grow with the square of the burst (kept small for CI). */
const burst = 50;

describe('service allocators of three apiservers on one etcd', function () {
  this.timeout(60_000);
  let etcd: EtcdProcess;
  const kvs: EtcdKV[] = [];
  before(async () => (etcd = await startEtcd()));
  after(async () => {
    await Promise.all(kvs.map((kv) => kv.close()));
    await etcd?.stop();
  });

  it(`${burst} concurrent ClusterIP and NodePort allocations spread over three are distinct; conflicts are retried`, async () => {
    const tally = { calls: 0 };
    const instances = [0, 1, 2].map(() => {
      const kv = new EtcdKV({ servers: [etcd.endpoint] });
      kvs.push(kv);
      const s = counted(new storage.KVStore(kv, { pathPrefix: '/registry' }), tally);
      return { ips: new IPAllocator(s, '/ranges/serviceips', '10.0.0.0/24'), ports: new PortAllocator(s, '/ranges/servicenodeports', '30000-32767') };
    });
    const started = Date.now();
    const [ips, ports] = await Promise.all([
      Promise.all(Array.from({ length: burst }, (_, i) => instances[i % 3].ips.allocateNext())),
      Promise.all(Array.from({ length: burst }, (_, i) => instances[i % 3].ports.allocateNext())),
    ]);
    const elapsed = Date.now() - started;
    expect(new Set(ips).size).to.equal(burst);
    expect(new Set(ports).size).to.equal(burst);
    // Each allocation's stored bit: every one is taken in each bitmap as every instance reads it.
    expect(await instances[2].ips.free()).to.equal(instances[2].ips.size - burst);
    expect(await instances[1].ports.free()).to.equal(2768 - burst);
    const conflicts = tally.calls - 2 * burst;
    console.log(`      ${2 * burst} allocations (${burst} IPs, ${burst} ports) by 3 allocators in ${elapsed} ms: ${conflicts} compare-and-swap conflicts retried`);
    expect(conflicts).to.be.at.least(0);
  });
});
