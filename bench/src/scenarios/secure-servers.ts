/**
 * The servers of the secure-port figures: two kapi servers on the run's etcd (watch cache on) that
 * differ only in --authorization-mode, both serving HTTPS with the bench's PKI. The load is a user
 * outside system:masters, so the privileged-group authorizer does not short-circuit its requests:
 * AlwaysAllow answers them on one server, RBAC (through a RoleBinding to `view`) on the other.
 */
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { wants } from '../config';
import type { ClientTLS } from '../load/jobs';
import { namespaces } from '../payload';
import { benchReader, createBenchPKI, type BenchPKI } from '../processes/bench-pki';
import { startKapi } from '../processes/kapi-server';
import { apiFetch, ensureNamespace, type BenchContext } from './context';
import { createTarget, type BenchServers } from './servers';
import { cachedGetPath } from './subjects';

/** Status of one GET over TLS as `tls`'s user (a fresh connection, closed after). */
export async function statusAs(url: string, tls: ClientTLS): Promise<number> {
  const agent = new Agent({ connect: tls });
  try {
    const res = await request(`${url}${cachedGetPath}`, { dispatcher: agent });
    await res.body.arrayBuffer();
    return res.statusCode;
  } finally {
    await agent.close();
  }
}

/** What `kubectl create rolebinding bench-reader-view --clusterrole=view --user=bench-reader -n bench-get` creates. */
export async function bindViewToReader(url: string, tls?: ClientTLS, clusterRole = 'view'): Promise<void> {
  const ns = namespaces.get;
  const res = await apiFetch(
    `${url}/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `${benchReader.user}-view`, namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: benchReader.user }],
      }),
    },
    tls,
  );
  if (res.status !== 201 && res.status !== 409) throw new Error(`create rolebinding in ${ns}: ${res.status} ${await res.text()}`);
}

/** Waits until the reader's GET answers 200 (the binding and the aggregated `view` role reached RBAC's informers). */
export async function waitForAccess(label: string, url: string, tls: ClientTLS, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let status = 0;
  while (performance.now() < deadline) {
    status = await statusAs(url, tls);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${label}: GET ${cachedGetPath} as ${benchReader.user} still answers ${status} after ${timeoutMs} ms`);
}

/** One PKI per run: kapi's secure servers and kube-apiserver trust the same CA, so one reader certificate loads both. */
export async function sharedPKI(servers: BenchServers): Promise<BenchPKI> {
  servers.pki ??= await createBenchPKI();
  return servers.pki;
}

export async function startSecureServers(ctx: BenchContext, servers: BenchServers): Promise<void> {
  if (!wants(ctx.cfg, 'plainCachedGetsPerSec', 'alwaysAllowTLSCachedGetsPerSec', 'rbacCachedGetsPerSec')) return;
  const pki = await sharedPKI(servers);
  // The same etcd prefix as the other servers. Under a prefix of their own, the RBAC server spent
  // 1.5–1.7 ms of CPU per GET in three full runs (0.5 ms on the shared prefix), for a reason neither its
  // profile nor a run of that server alone showed: the figures stay on the setup they were measured on.
  const common = { backend: 'etcd3', etcdEndpoint: ctx.etcdEndpoint, tlsArgs: pki.serverArgs, cpuProfDir: ctx.cfg.cpuProfDir } as const;
  servers.alwaysAllow = await startKapi({ ...common, label: 'etcd-always-allow', authorizationMode: 'AlwaysAllow' });
  servers.rbac = await startKapi({ ...common, label: 'etcd-rbac' });
  // The GET target and its namespace, through the insecure port (already there when the cached server made them).
  await ensureNamespace(servers.rbac.url, namespaces.get);
  await createTarget(servers.rbac.url);
  // Unbound, the reader must be refused: otherwise the RBAC figure would not measure an RBAC decision.
  const unbound = await statusAs(servers.rbac.secureUrl!, pki.reader);
  if (unbound !== 403) throw new Error(`${benchReader.user} without a binding got ${unbound} from the Node,RBAC server, not 403`);
  await bindViewToReader(servers.rbac.url);
  await waitForAccess('Node,RBAC server', servers.rbac.secureUrl!, pki.reader);
  await waitForAccess('AlwaysAllow server', servers.alwaysAllow.secureUrl!, pki.reader);
  servers.readerTLS = pki.reader;
  ctx.log(
    `secure servers: ${benchReader.user} (group ${benchReader.group}) refused before the RoleBinding, allowed after; AlwaysAllow at ${servers.alwaysAllow.secureUrl}, Node,RBAC at ${servers.rbac.secureUrl}`,
  );
}
