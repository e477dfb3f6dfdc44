/**
 * Leases for keys with a TTL (events, in Kubernetes), after kube-apiserver's etcd3 leaseManager:
 * granting a lease per write would cost a round trip and leave etcd with one lease per key, so a
 * lease is granted a little longer than asked (5% of the TTL, at most a minute) and reused by every
 * write with the same TTL while enough of it remains. A key thus lives between ttl and ttl + 5%.
 */
import type { LeanKVClient } from './lean-kv-client';

interface GrantedLease {
  id: string;
  expiresAt: number;
}

const maxReuseMs = 60_000;
const reuseFraction = 0.05;

export class LeaseManager {
  private readonly leases = new Map<number, GrantedLease>();
  private readonly pending = new Map<number, Promise<GrantedLease>>();

  constructor(
    private readonly client: Pick<LeanKVClient, 'leaseGrant'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A lease id (etcd's int64, as a string) under which a key lives at least ttlSeconds. */
  async leaseFor(ttlSeconds: number): Promise<string> {
    const ttlMs = ttlSeconds * 1000;
    const current = this.leases.get(ttlSeconds);
    if (current && current.expiresAt - this.now() >= ttlMs) return current.id;
    let grant = this.pending.get(ttlSeconds);
    if (!grant) {
      grant = this.grant(ttlSeconds).finally(() => this.pending.delete(ttlSeconds));
      this.pending.set(ttlSeconds, grant);
    }
    return (await grant).id;
  }

  private async grant(ttlSeconds: number): Promise<GrantedLease> {
    const reuseSeconds = Math.floor(Math.min(maxReuseMs, ttlSeconds * 1000 * reuseFraction) / 1000);
    const grantedAt = this.now();
    const res = await this.client.leaseGrant(ttlSeconds + reuseSeconds);
    const lease = { id: res.id, expiresAt: grantedAt + res.ttl * 1000 };
    this.leases.set(ttlSeconds, lease);
    return lease;
  }
}
