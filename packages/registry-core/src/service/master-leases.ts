import { storage, type KObject, type StorageInterface } from '@kapi/apiserver-core';

/** Where the master leases live below --etcd-prefix (kube: /registry/masterleases/<ip>). */
export const masterLeasesPrefix = '/masterleases/';

/** kube's DefaultEndpointReconcilerTTL is 15 s for a 10 s reconcile: a lease outlives one missed renewal. */
export function masterLeaseTTLSeconds(intervalMs: number): number {
  return Math.max(1, Math.ceil((intervalMs * 1.5) / 1000));
}

/**
 * The leases of kube's lease endpoint reconciler (pkg/controlplane/reconcilers/lease.go): every
 * apiserver keeps a key /masterleases/<its IP> alive with a storage TTL (an etcd lease), so the
 * `kubernetes` Endpoints can name every live apiserver, and one that dies drops out when its lease
 * expires, with nobody having to notice it died. Raw storage (no watch cache): the list must be
 * what etcd holds now.
 */
export class MasterLeases {
  constructor(
    private readonly leases: StorageInterface,
    private readonly ttlSeconds: number,
  ) {}

  /** Creates or renews this apiserver's lease (a fresh TTL with every write). */
  async update(ip: string): Promise<void> {
    await this.leases.guaranteedUpdate(masterLeasesPrefix + ip, {
      ignoreNotFound: true,
      tryUpdate: async (cur) => {
        // Endpoints-shaped, as kube stores them; the generation moves so each renewal is a write.
        const generation = (cur.metadata?.generation ?? 0) + 1;
        const obj: KObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: ip, generation }, subsets: [{ addresses: [{ ip }] }] } as KObject;
        return { obj, ttlSeconds: this.ttlSeconds };
      },
    });
  }

  /** The IPs of the apiservers whose lease has not expired. */
  async list(): Promise<string[]> {
    const res = await this.leases.getList(masterLeasesPrefix, { predicate: storage.everything(), recursive: true });
    const ips = res.items.map((o) => (o as { subsets?: { addresses?: { ip?: string }[] }[] }).subsets?.[0]?.addresses?.[0]?.ip);
    return ips.filter((ip): ip is string => typeof ip === 'string' && ip !== '');
  }

  /** A graceful shutdown gives its address up at once instead of after the TTL (kube's RemoveEndpoints). */
  async remove(ip: string): Promise<void> {
    await this.leases.delete(masterLeasesPrefix + ip, {}).catch(() => undefined);
  }
}
