import { wants } from '../config';
import type { FigureKey } from '../figures';
import type { ClientTLS } from '../load/jobs';
import { configMap, getTargetName, namespaces } from '../payload';
import { startBareKoa } from '../processes/bare-koa';
import type { BenchPKI } from '../processes/bench-pki';
import { startKapi, type KapiServer } from '../processes/kapi-server';
import type { KubeApiserver } from '../processes/kube-apiserver';
import type { WebhookServer } from '../processes/webhook';
import { apiFetch, ensureNamespace, type BenchContext } from './context';

export const targetPath = `/api/v1/namespaces/${namespaces.get}/configmaps/${getTargetName}`;

/** The servers the throughput rounds, LIST and watch figures run against; each present only when a figure needs it. */
export interface BenchServers {
  /** kapi on etcd, watch cache on: creates, cached GETs, LIST 5k, watch 1k. */
  cached?: KapiServer;
  /** kapi on the same etcd with --watch-cache=false: uncached GETs. */
  uncached?: KapiServer;
  embedded?: KapiServer;
  memory?: KapiServer;
  koa?: { url: string; pid: number; stop: () => Promise<void> };
  /** kapi on etcd with --authorization-mode AlwaysAllow, loaded on its secure and its insecure port. */
  alwaysAllow?: KapiServer;
  /** kapi on etcd with the default Node,RBAC, loaded on its secure port. */
  rbac?: KapiServer;
  /** The certificate the secure ports' load presents (a user outside system:masters) and the CA it trusts. */
  readerTLS?: ClientTLS;
  /** The run's PKI (secure kapi servers and kube-apiserver trust its CA). */
  pki?: BenchPKI;
  /** kapi on the run's etcd with --workers 2 (watch cache on in each worker). */
  workers2?: KapiServer;
  /** kapi --storage-backend embedded --workers 2: the primary owns the store, each worker has its watch cache. */
  embeddedWorkers2?: KapiServer;
  /** kube-apiserver on the run's etcd (own prefix), --authorization-mode AlwaysAllow. */
  kube?: KubeApiserver;
  /** kube-apiserver with Node,RBAC, for the RBAC figure beside kapi's. */
  kubeRbac?: KubeApiserver;
  /** The current etcd (3.6) and the servers on it (scenarios/etcd-current.ts). */
  etcd36?: { endpoint: string; pid?: number; version: string; stop: () => Promise<void> };
  etcd36Cached?: KapiServer;
  etcd36Uncached?: KapiServer;
  kubeEtcd36?: KubeApiserver;
  /** The admission figures' servers (scenarios/admission.ts): one kapi, one kube-apiserver, the webhook. */
  kapiAdmission?: KapiServer;
  kubeAdmission?: KubeApiserver;
  webhook?: WebhookServer;
  /** The aggregation figure's two kapi servers (scenarios/aggregation.ts). */
  aggregator?: KapiServer;
  extension?: KapiServer;
}

export type ServerName = Exclude<keyof BenchServers, 'readerTLS' | 'pki'>;

const cachedFigures: FigureKey[] = [
  'kapiEtcdCreatesPerSec',
  'kapiCachedGetsPerSec',
  'list5kCachedMsP50',
  'list5kStringifyMsP50',
  'watch1kP50Ms',
  'watch1kP99Ms',
  'kapiUncachedGetsPerSec',
  'bareKoaGetsPerSec',
];

export async function createTarget(url: string, tls?: ClientTLS): Promise<Buffer> {
  const post = await apiFetch(
    `${url}/api/v1/namespaces/${namespaces.get}/configmaps`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(configMap(namespaces.get, getTargetName)),
    },
    tls,
  );
  if (post.status !== 201 && post.status !== 409) throw new Error(`create ${targetPath}: ${post.status} ${await post.text()}`);
  const get = await apiFetch(`${url}${targetPath}`, {}, tls);
  if (get.status !== 200) throw new Error(`GET ${targetPath}: ${get.status}`);
  return Buffer.from(await get.arrayBuffer());
}

/**
 * Starts every server the wanted figures need, all at once: an idle server costs next to nothing,
 * and having them all up lets the throughput figures interleave.
 */
export async function startServers(ctx: BenchContext, servers: BenchServers): Promise<void> {
  const prof = ctx.cfg.cpuProfDir;
  if (wants(ctx.cfg, ...cachedFigures)) {
    servers.cached = await startKapi({ backend: 'etcd3', etcdEndpoint: ctx.etcdEndpoint, label: 'etcd-cached', cpuProfDir: prof });
    for (const ns of Object.values(namespaces)) await ensureNamespace(servers.cached.url, ns);
    // The object every GET figure reads; bare koa answers with exactly these bytes.
    const objectBytes = await createTarget(servers.cached.url);
    if (wants(ctx.cfg, 'bareKoaGetsPerSec')) servers.koa = await startBareKoa(objectBytes);
  }
  if (wants(ctx.cfg, 'kapiWorkers2CreatesPerSec', 'kapiWorkers2CachedGetsPerSec')) {
    // Same etcd prefix as `cached`: the GET target and namespaces are there already (or made here).
    servers.workers2 = await startKapi({ backend: 'etcd3', etcdEndpoint: ctx.etcdEndpoint, workers: 2, label: 'etcd-workers2', cpuProfDir: prof });
    for (const ns of [namespaces.create, namespaces.get]) await ensureNamespace(servers.workers2.url, ns);
    await createTarget(servers.workers2.url);
  }
  if (wants(ctx.cfg, 'kapiEmbeddedWorkers2CreatesPerSec', 'kapiEmbeddedWorkers2CachedGetsPerSec')) {
    servers.embeddedWorkers2 = await startKapi({ backend: 'embedded', workers: 2, label: 'embedded-workers2', cpuProfDir: prof });
    for (const ns of [namespaces.create, namespaces.get]) await ensureNamespace(servers.embeddedWorkers2.url, ns);
    await createTarget(servers.embeddedWorkers2.url);
  }
  if (wants(ctx.cfg, 'kapiUncachedGetsPerSec', 'kapiUncachedList5kMsP50')) {
    servers.uncached = await startKapi({ backend: 'etcd3', etcdEndpoint: ctx.etcdEndpoint, watchCache: false, label: 'etcd-uncached', cpuProfDir: prof });
  }
  for (const [backend, key] of [
    ['embedded', 'kapiEmbeddedCreatesPerSec'],
    ['memory', 'kapiMemoryCreatesPerSec'],
  ] as const) {
    if (!wants(ctx.cfg, key)) continue;
    const server = await startKapi({ backend, label: backend, cpuProfDir: prof });
    await ensureNamespace(server.url, namespaces.create);
    servers[backend] = server;
  }
}

/** Stops the servers named (all when none are), leaving the others running. */
export async function stopServers(
  servers: BenchServers,
  which: ServerName[] = [
    'cached',
    'uncached',
    'embedded',
    'memory',
    'koa',
    'alwaysAllow',
    'rbac',
    'workers2',
    'embeddedWorkers2',
    'kube',
    'kubeRbac',
    'etcd36Cached',
    'etcd36Uncached',
    'kubeEtcd36',
    'etcd36',
    'kapiAdmission',
    'kubeAdmission',
    'webhook',
    'aggregator',
    'extension',
  ],
): Promise<void> {
  for (const name of which) {
    const s = servers[name];
    servers[name] = undefined;
    await s?.stop();
  }
}
