import { expect } from 'chai';
import { compactRevKey, EtcdKV } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { request, startCluster, type Cluster, type Instance } from './support/multi-instance';

/**
 * Three kapi instances on one real etcd, as kube-apiservers behind a load balancer: a client may
 * list on one and watch on another, services created through any of them get distinct ClusterIPs
 * and NodePorts, the controllers run on one leader, and every live instance shows in its identity
 * Lease and in the `kubernetes` Endpoints — until it dies. Intervals are shortened by flags.
 */

const leaseDurationMs = 3000;
const compactionIntervalMs = 2000;
const args = [
  '--leader-elect-lease-duration',
  `${leaseDurationMs}ms`,
  '--leader-elect-renew-deadline',
  '2s',
  '--leader-elect-retry-period',
  '500ms',
  '--identity-lease-duration-seconds',
  '3',
  '--identity-lease-renew-interval-seconds',
  '1',
  '--endpoint-reconciler-interval',
  '1s',
  '--etcd-compaction-interval',
  `${compactionIntervalMs}ms`,
  // A SIGTERM'd instance keeps serving this long: its pre-shutdown hooks are seen to act before it exits.
  '--shutdown-delay-duration',
  '5s',
];

interface WatchEvent {
  type: string;
  object: { metadata: { name: string; resourceVersion: string } };
}

/** A streaming watch over fetch: events as they arrive, until stop(). */
function openWatch(url: string): { events: WatchEvent[]; stop: () => void; done: Promise<void> } {
  const events: WatchEvent[] = [];
  const ac = new AbortController();
  const done = (async () => {
    const res = await fetch(url, { signal: ac.signal });
    if (!res.ok) throw new Error(`watch ${url}: ${res.status} ${await res.text()}`);
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) events.push(JSON.parse(line) as WatchEvent);
        }
      }
    } catch (err) {
      if (!ac.signal.aborted) throw err;
    }
  })();
  done.catch(() => undefined);
  return { events, stop: () => ac.abort(), done };
}

/** The version of compact_rev_key: one more with each interval a compactor claimed. */
async function compactKeyVersion(cluster: Cluster): Promise<number> {
  const kv = new EtcdKV({ servers: [cluster.etcd.endpoint] });
  try {
    const res = await kv.client.kv.range({ key: Buffer.from(compactRevKey) });
    return res.kvs.length > 0 ? Number(res.kvs[0].version) : 0;
  } finally {
    await kv.close();
  }
}

/** Runs tasks with at most `width` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

describe('several kapi instances on one etcd', function () {
  this.timeout(120_000);
  let cluster: Cluster;
  let a: Instance;
  let b: Instance;
  let c: Instance;

  /** The compactors' coordination key when the cluster was up: the version counts the intervals claimed. */
  let compactKeyAtStart: { version: number; at: number };

  before(async () => {
    cluster = await startCluster({ args });
    [a, b, c] = cluster.instances;
    compactKeyAtStart = { version: await compactKeyVersion(cluster), at: Date.now() };
    for (const ns of ['ha-watch', 'ha-txn', 'ha-alloc']) await request(`${a.url}/api/v1/namespaces`, 'POST', { metadata: { name: ns } });
  });
  after(async () => cluster?.stop());

  it('a watch on B from a list on A sees every write made through A, B and C once, in revision order', async () => {
    const ns = 'ha-watch';
    const list = await request(`${a.url}/api/v1/namespaces/${ns}/configmaps`);
    const watch = openWatch(`${b.url}/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`);
    const via = [a, b, c];
    // 100 objects: created, updated and deleted, each step through another instance: 300 writes.
    const written: number[] = [];
    let deletes = 0;
    const steps = Array.from({ length: 100 }, (_, i) => async () => {
      const name = `cm-${i}`;
      const base = (k: number) => `${via[(i + k) % 3].url}/api/v1/namespaces/${ns}/configmaps`;
      const created = await request(base(0), 'POST', { metadata: { name }, data: { step: 'created' } });
      written.push(Number(created.metadata.resourceVersion));
      const updated = await request(`${base(1)}/${name}`, 'PUT', { ...created, data: { step: 'updated' } });
      written.push(Number(updated.metadata.resourceVersion));
      // A DELETE answers the object as it was before (kube's too): its revision comes from the watch.
      await request(`${base(2)}/${name}`, 'DELETE');
      deletes++;
    });
    await pool(steps, 12);
    const mine = () => watch.events.filter((e) => e.object.metadata.name.startsWith('cm-'));
    await eventually(() => expect(mine().length).to.be.at.least(300), 30_000);
    // Time for a duplicate to show, if one were coming.
    await new Promise((r) => setTimeout(r, 500));
    watch.stop();
    // The root CA publisher's ConfigMap in the new namespace may land after the list: not ours.
    const events = mine();
    const seen = events.map((e) => Number(e.object.metadata.resourceVersion));
    const duplicates = seen.length - new Set(seen).size;
    const missing = written.filter((rv) => !seen.includes(rv));
    const outOfOrder = seen.filter((rv, i) => i > 0 && rv <= seen[i - 1]).length;
    expect(deletes).to.equal(100);
    console.log(`      watch on B: ${written.length + deletes} writes, ${seen.length} events, ${missing.length} missing, ${duplicates} duplicate, ${outOfOrder} out of order`);
    expect({ missing, duplicates, outOfOrder }).to.deep.equal({ missing: [], duplicates: 0, outOfOrder: 0 });
    expect(seen).to.have.length(300);
    expect(events.filter((e) => e.type === 'ADDED')).to.have.length(100);
    expect(events.filter((e) => e.type === 'DELETED')).to.have.length(100);
  });

  it('a transaction writing two keys at one revision reaches watchers on every instance with both events', async () => {
    const ns = 'ha-txn';
    // Two objects through the API, so their stored values are exactly what kapi writes.
    const one = await request(`${a.url}/api/v1/namespaces/${ns}/configmaps`, 'POST', { metadata: { name: 'one' }, data: { v: '1' } });
    await request(`${a.url}/api/v1/namespaces/${ns}/configmaps`, 'POST', { metadata: { name: 'two' }, data: { v: '1' } });
    const watches = [a, b, c].map((i) => openWatch(`${i.url}/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${one.metadata.resourceVersion}`));
    await eventually(() => watches.forEach((w) => expect(w.events).to.have.length(1)));
    const kv = new EtcdKV({ servers: [cluster.etcd.endpoint] });
    try {
      const keys = ['one', 'two'].map((n) => `/registry/configmaps/${ns}/${n}`);
      const values = await Promise.all(keys.map(async (k) => (await kv.get(k)).kv!.value));
      // Another client of the same etcd (an operator's tool, another apiserver's multi-key write) changes both in one txn.
      const next = values.map((v) => Buffer.from(v.toString().replace('"v":"1"', '"v":"2"')));
      expect(next[0].toString()).to.contain('"v":"2"');
      const res = await kv.client.kv.txn({ compare: [], success: keys.map((k, i) => ({ request_put: { key: Buffer.from(k), value: next[i] } })), failure: [] });
      const rev = String(res.header.revision);
      for (const w of watches) {
        await eventually(() => expect(w.events).to.have.length(3));
        expect(w.events.slice(1).map((e) => [e.type, e.object.metadata.name, e.object.metadata.resourceVersion])).to.deep.equal([
          ['MODIFIED', 'one', rev],
          ['MODIFIED', 'two', rev],
        ]);
        w.stop();
      }
      // The watch caches hold both changes: a list at that revision from each instance shows v=2 twice.
      for (const i of [a, b, c]) {
        const list = await request(`${i.url}/api/v1/namespaces/${ns}/configmaps?resourceVersion=${rev}`);
        const mine = list.items.filter((o: { metadata: { name: string } }) => ['one', 'two'].includes(o.metadata.name));
        expect(mine.map((o: { data: { v: string } }) => o.data.v)).to.deep.equal(['2', '2']);
      }
    } finally {
      await kv.close();
    }
  });

  it('100 services created concurrently through three instances get distinct ClusterIPs and NodePorts, as the stored bitmaps say', async () => {
    const ns = 'ha-alloc';
    const via = [a, b, c];
    const created = await pool(
      Array.from(
        { length: 100 },
        (_, i) => () =>
          request(`${via[i % 3].url}/api/v1/namespaces/${ns}/services`, 'POST', {
            metadata: { name: `svc-${i}` },
            spec: { type: 'NodePort', ports: [{ port: 80 }] },
          }),
      ),
      30,
    );
    const ips = created.map((s) => s.spec.clusterIP as string);
    const ports = created.map((s) => s.spec.ports[0].nodePort as number);
    expect(new Set(ips).size, 'distinct ClusterIPs').to.equal(100);
    expect(new Set(ports).size, 'distinct NodePorts').to.equal(100);
    // Every allocated value is set in the bitmap in etcd, and nothing else is (bar the `kubernetes` service's IP).
    const kv = new EtcdKV({ servers: [cluster.etcd.endpoint] });
    try {
      const bits = async (key: string) => {
        const obj = JSON.parse((await kv.get(key)).kv!.value.toString()) as { data: string };
        const buf = Buffer.from(obj.data, 'base64');
        const set: number[] = [];
        for (let i = 0; i < buf.length * 8; i++) if (buf[i >> 3] & (1 << (i & 7))) set.push(i);
        return set;
      };
      const ipOffsets = ips.map((ip) => Number(ip.split('.')[3]) - 1);
      const kubernetesIP = (await request(`${a.url}/api/v1/namespaces/default/services/kubernetes`)).spec.clusterIP as string;
      expect(await bits('/registry/ranges/serviceips')).to.deep.equal([Number(kubernetesIP.split('.')[3]) - 1, ...ipOffsets].sort((x, y) => x - y));
      expect(await bits('/registry/ranges/servicenodeports')).to.deep.equal(ports.map((p) => p - 30000).sort((x, y) => x - y));
    } finally {
      await kv.close();
    }
  });

  it('the three compactors compact once per interval between them, through compact_rev_key', async () => {
    // Let a few intervals pass whatever the earlier tests took.
    await new Promise((r) => setTimeout(r, Math.max(0, 3 * compactionIntervalMs - (Date.now() - compactKeyAtStart.at))));
    const version = await compactKeyVersion(cluster);
    const elapsed = Date.now() - compactKeyAtStart.at;
    const claims = version - compactKeyAtStart.version;
    const intervals = elapsed / compactionIntervalMs;
    console.log(`      ${claims} compactions in ${(elapsed / 1000).toFixed(1)} s = ${intervals.toFixed(1)} intervals of ${compactionIntervalMs} ms, by 3 instances`);
    // Each instance compacting on its own would make about three per interval; one claim per interval at most (timers may run late under load).
    expect(claims)
      .to.be.at.least(1)
      .and.at.most(Math.ceil(intervals) + 1);
    // And etcd did compact: the revision the last winner recorded is the oldest one left.
    const kv = new EtcdKV({ servers: [cluster.etcd.endpoint] });
    try {
      const compactedTo = Number((await kv.get(compactRevKey)).kv!.value.toString());
      await eventually(async () => {
        const err = await kv.get('/registry/namespaces/default', compactedTo - 1).then(
          () => undefined,
          (e: Error) => e,
        );
        expect(err?.message).to.match(/compacted/);
      });
    } finally {
      await kv.close();
    }
  });

  it('one instance leads the controllers; every instance has its identity Lease and its address in the kubernetes Endpoints', async () => {
    const lease = await request(`${a.url}/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kapi-controller-manager`);
    expect(lease.spec.holderIdentity).to.match(/^kapi-[abc]_/);
    const identities = await eventually(async () => {
      const list = await request(`${b.url}/apis/coordination.k8s.io/v1/namespaces/kube-system/leases?labelSelector=apiserver.kubernetes.io/identity%3Dkube-apiserver`);
      const hosts = list.items.map((l: { metadata: { labels: Record<string, string> } }) => l.metadata.labels['kubernetes.io/hostname']).sort();
      expect(hosts).to.deep.equal(['kapi-a', 'kapi-b', 'kapi-c']);
      return list.items;
    });
    const names = identities.map((l: { metadata: { name: string } }) => l.metadata.name);
    expect(new Set(names).size).to.equal(3);
    for (const name of names) expect(name).to.match(/^apiserver-[a-z2-7]{26}$/);
    await eventually(async () => {
      const ep = await request(`${c.url}/api/v1/namespaces/default/endpoints/kubernetes`);
      expect(ep.subsets).to.deep.equal([
        { addresses: [{ ip: '127.0.0.2' }, { ip: '127.0.0.3' }, { ip: '127.0.0.4' }], ports: [{ name: 'https', port: cluster.port, protocol: 'TCP' }] },
      ]);
      const slice = await request(`${c.url}/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes`);
      expect(slice.endpoints.flatMap((e: { addresses: string[] }) => e.addresses).sort()).to.deep.equal(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    }, 10_000);
  });

  it('after the leader is killed another instance leads within the lease duration; its identity Lease and address go after expiry', async () => {
    const leaseURL = (i: Instance) => `${i.url}/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kapi-controller-manager`;
    const before = await request(leaseURL(a));
    const leader = cluster.instances.find((i) => before.spec.holderIdentity.startsWith(`kapi-${i.name}_`))!;
    const survivor = cluster.instances.find((i) => i !== leader)!;
    const killedAt = Date.now();
    await cluster.kill(leader);
    const after = await eventually(
      async () => {
        const l = await request(leaseURL(survivor));
        expect(l.spec.holderIdentity).to.not.equal(before.spec.holderIdentity);
        return l;
      },
      20_000,
      100,
    );
    const failoverMs = Date.now() - killedAt;
    expect(after.spec.holderIdentity).to.match(
      new RegExp(
        `^kapi-(${cluster
          .live()
          .map((i) => i.name)
          .join('|')})_`,
      ),
    );
    expect(after.spec.leaseTransitions).to.equal((before.spec.leaseTransitions ?? 0) + 1);
    console.log(`      controllers failed over in ${failoverMs} ms (lease duration ${leaseDurationMs} ms)`);
    // The lease duration, the retry period and one poll: the bound kube's leader election gives.
    expect(failoverMs).to.be.below(leaseDurationMs + 500 + 1500);

    const liveIPs = cluster.live().map((i) => ({ ip: i.ip }));
    const endpointsGoneMs = await eventually(async () => {
      const ep = await request(`${survivor.url}/api/v1/namespaces/default/endpoints/kubernetes`);
      expect(ep.subsets[0].addresses).to.deep.equal(liveIPs);
      return Date.now() - killedAt;
    }, 15_000);
    const identityGoneMs = await eventually(async () => {
      const list = await request(`${survivor.url}/apis/coordination.k8s.io/v1/namespaces/kube-system/leases?labelSelector=apiserver.kubernetes.io/identity%3Dkube-apiserver`);
      expect(list.items.map((l: { metadata: { labels: Record<string, string> } }) => l.metadata.labels['kubernetes.io/hostname']).sort()).to.deep.equal(
        cluster.live().map((i) => `kapi-${i.name}`),
      );
      return Date.now() - killedAt;
    }, 20_000);
    console.log(
      `      killed instance left the kubernetes Endpoints after ${endpointsGoneMs} ms (master lease TTL 2 s), its identity Lease after ${identityGoneMs} ms (duration 3 s)`,
    );
  });

  it('an instance shut down gracefully gives up its place in the kubernetes Endpoints at once, before its lease would expire', async () => {
    const [leaving, staying] = cluster.live();
    const stoppedAt = Date.now();
    leaving.gone = true;
    const exited = leaving.proc.stop();
    const goneMs = await eventually(
      async () => {
        const ep = await request(`${staying.url}/api/v1/namespaces/default/endpoints/kubernetes`);
        expect(ep.subsets[0].addresses).to.deep.equal([{ ip: staying.ip }]);
        return Date.now() - stoppedAt;
      },
      10_000,
      50,
    );
    // Still serving (--shutdown-delay-duration 5s): its pre-shutdown hook removed it, not the lease's expiry after exit.
    expect(leaving.proc.proc.exitCode).to.equal(null);
    console.log(`      a SIGTERM'd instance left the kubernetes Endpoints after ${goneMs} ms (lease TTL 2 s)`);
    expect(goneMs).to.be.below(2000);
    await exited;
  });
});
