import { randomUUID } from 'node:crypto';
import { isStatusError, semanticEqual, type KObject, type Store } from '@kapi/apiserver-core';
import { rfc3339 } from '../rest/time';
import type { ServiceAllocations } from './allocation';
import type { MasterLeases } from './master-leases';

/** Where this API server can be reached (the bootstrap controller's master endpoint). */
export interface MasterEndpoint {
  ip: string;
  port: number;
}

/**
 * The bootstrap controller's service half (pkg/controlplane/controller/kubernetesservice): the
 * `kubernetes` service in `default` on the first IP of the range, port 443 → this server, and its
 * endpoints naming this server. Runs after start and is idempotent across restarts.
 */
export async function reconcileKubernetesService(services: Store, endpoints: Store, allocations: ServiceAllocations, master: MasterEndpoint, leases?: MasterLeases): Promise<void> {
  const ctx = { namespace: 'default' };
  const port = { name: 'https', port: 443, protocol: 'TCP', targetPort: master.port };
  const existing = await services.get(ctx, 'kubernetes', {}).catch((err) => {
    if (isStatusError(err) && err.code === 404) return undefined;
    throw err;
  });
  if (!existing) {
    const svc: KObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: allocations.ipAllocators[0].indexedIP(0), sessionAffinity: 'None', ports: [port] },
    };
    await services.create(ctx, svc, undefined, {}).catch((err) => {
      if (!(isStatusError(err) && err.reason === 'AlreadyExists')) throw err;
    });
  }
  // The endpoints are the live apiservers (lease reconciler), or this one alone (none); loopback
  // included: written to storage directly, as the endpoint reconciler does, since user-facing
  // validation refuses loopback addresses. All share this server's port, as in kube.
  const ips = leases ? await liveMasterIPs(leases, master.ip) : [master.ip];
  await writeMasterEndpoints(endpoints, ips, master.port);
}

/**
 * kube's RemoveEndpoints on shutdown: this server's lease goes at once, and the Endpoints name the
 * others, so clients stop being sent here without waiting for the lease to expire.
 */
export async function removeMasterEndpoint(endpoints: Store, leases: MasterLeases, master: MasterEndpoint): Promise<void> {
  await leases.remove(master.ip);
  const ips = (await leases.list()).filter((ip) => ip !== master.ip).sort(compareIPs);
  if (ips.length > 0) await writeMasterEndpoints(endpoints, ips, master.port);
}

async function writeMasterEndpoints(endpoints: Store, ips: string[], port: number): Promise<void> {
  const ctx = { namespace: 'default' };
  const subsets = [{ addresses: ips.map((ip) => ({ ip })), ports: [{ name: 'https', port, protocol: 'TCP' }] }];
  const key = endpoints.config.keyFunc!(ctx, 'kubernetes');
  await endpoints.storage.guaranteedUpdate(key, {
    ignoreNotFound: true,
    tryUpdate: async (cur) => {
      if (cur.metadata?.uid && semanticEqual(cur.subsets, subsets)) return { obj: cur };
      const meta = cur.metadata?.uid
        ? cur.metadata
        : { name: 'kubernetes', namespace: 'default', uid: randomUUID(), creationTimestamp: rfc3339() as never, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } };
      return { obj: { apiVersion: 'v1', kind: 'Endpoints', metadata: meta, subsets } as KObject };
    },
  });
}

/** kube's lease reconciler: renew this server's lease, then every unexpired lease's IP, sorted (RepackSubsets). */
async function liveMasterIPs(leases: MasterLeases, own: string): Promise<string[]> {
  await leases.update(own);
  const ips = new Set(await leases.list());
  // Just renewed: a list racing with the write still names this server.
  ips.add(own);
  return [...ips].sort(compareIPs);
}

function compareIPs(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
