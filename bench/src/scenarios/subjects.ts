import { wants } from '../config';
import { namespaces } from '../payload';
import type { KapiServer } from '../processes/kapi-server';
import { loopWindow, type BenchContext } from './context';
import { targetPath, type BenchServers } from './servers';
import type { ThroughputSubject } from './throughput';
import type { Job } from '../load/jobs';

// resourceVersion=0: "any version the server has", which kube-apiserver serves from its watch cache.
export const cachedGetPath = `${targetPath}?resourceVersion=0`;

/** The throughput figures of this run, each a load job against its server. */
export function throughputSubjects(ctx: BenchContext, servers: BenchServers): ThroughputSubject[] {
  const stamp = Date.now();
  const etcd = ctx.etcdPid;
  const subjects: ThroughputSubject[] = [
    {
      key: 'etcdRawCreatesPerSec',
      label: 'etcd raw creates',
      job: (round) => ({
        kind: 'etcd-creates',
        endpoint: ctx.etcdEndpoint,
        keyPrefix: `/bench-raw/configmaps/bench-raw/c-${stamp}-${round}-`,
        namespace: 'bench-raw',
        ...loopWindow(ctx),
      }),
      pids: { etcd },
    },
    {
      key: 'etcdRawGetsPerSec',
      label: 'etcd raw gets',
      job: () => ({ kind: 'etcd-gets', endpoint: ctx.etcdEndpoint, key: '/bench-raw/configmaps/bench-raw/target', ...loopWindow(ctx) }),
      pids: { etcd },
    },
  ];
  const creates = (key: ThroughputSubject['key'], label: string, server: { url: string; pid: number } | undefined, withEtcd: boolean) => {
    if (!server) return;
    subjects.push({
      key,
      label,
      job: (round) => ({ kind: 'http-creates', url: server.url, namespace: namespaces.create, namePrefix: `${label.split(' ')[1]}-${stamp}-${round}`, ...loopWindow(ctx) }),
      pids: withEtcd ? { server: server.pid, etcd } : { server: server.pid },
    });
  };
  const gets = (key: ThroughputSubject['key'], label: string, server: { url: string; pid: number } | undefined, withEtcd: boolean) => {
    if (!server) return;
    subjects.push({
      key,
      label,
      job: () => ({ kind: 'http-gets', url: server.url, path: cachedGetPath, ...loopWindow(ctx) }),
      pids: withEtcd ? { server: server.pid, etcd } : { server: server.pid },
    });
  };
  // The same GET over HTTPS to the secure port, as the reader's client certificate.
  const secureGets = (key: ThroughputSubject['key'], label: string, server: KapiServer | undefined) => {
    const tls = servers.readerTLS;
    if (!server?.secureUrl || !tls) return;
    subjects.push({ key, label, job: () => ({ kind: 'http-gets', url: server.secureUrl!, path: cachedGetPath, tls, ...loopWindow(ctx) }), pids: { server: server.pid, etcd } });
  };
  if (wants(ctx.cfg, 'kapiEtcdCreatesPerSec')) creates('kapiEtcdCreatesPerSec', 'kapi etcd creates', servers.cached, true);
  creates('kapiEmbeddedCreatesPerSec', 'kapi embedded creates', servers.embedded, false);
  creates('kapiMemoryCreatesPerSec', 'kapi memory creates', servers.memory, false);
  gets('bareKoaGetsPerSec', 'bare koa gets', servers.koa, false);
  if (wants(ctx.cfg, 'kapiCachedGetsPerSec')) gets('kapiCachedGetsPerSec', 'kapi cached gets', servers.cached, true);
  gets('kapiUncachedGetsPerSec', 'kapi uncached gets', servers.uncached, true);
  if (servers.readerTLS) gets('plainCachedGetsPerSec', 'kapi plain gets (AlwaysAllow server, insecure port)', servers.alwaysAllow, true);
  secureGets('alwaysAllowTLSCachedGetsPerSec', 'kapi TLS gets, AlwaysAllow', servers.alwaysAllow);
  secureGets('rbacCachedGetsPerSec', 'kapi TLS gets, Node,RBAC', servers.rbac);
  // kapi --workers 2: the CPU of both workers counts as the server's.
  const w2 = servers.workers2;
  if (w2) {
    subjects.push({
      key: 'kapiWorkers2CreatesPerSec',
      label: 'kapi workers2 creates',
      job: (round) => ({ kind: 'http-creates', url: w2.url, namespace: namespaces.create, namePrefix: `w2-${stamp}-${round}`, ...loopWindow(ctx) }),
      pids: { server: w2.servingPids, etcd },
    });
    subjects.push({
      key: 'kapiWorkers2CachedGetsPerSec',
      label: 'kapi workers2 cached gets',
      job: () => ({ kind: 'http-gets', url: w2.url, path: cachedGetPath, ...loopWindow(ctx) }),
      pids: { server: w2.servingPids, etcd },
    });
  }
  // kapi --workers 2 on embedded: the CPU of both workers and of the primary, which owns the store, counts as the server's.
  const ew2 = servers.embeddedWorkers2;
  if (ew2) {
    const pids = { server: [...ew2.servingPids, ew2.pid], owner: ew2.pid };
    subjects.push({
      key: 'kapiEmbeddedWorkers2CreatesPerSec',
      label: 'kapi embedded workers2 creates',
      job: (round) => ({ kind: 'http-creates', url: ew2.url, namespace: namespaces.create, namePrefix: `ew2-${stamp}-${round}`, ...loopWindow(ctx) }),
      pids,
    });
    subjects.push({
      key: 'kapiEmbeddedWorkers2CachedGetsPerSec',
      label: 'kapi embedded workers2 cached gets',
      job: () => ({ kind: 'http-gets', url: ew2.url, path: cachedGetPath, ...loopWindow(ctx) }),
      pids,
    });
  }
  // kube-apiserver: the reader's certificate on both (AlwaysAllow lets it create; RBAC through the same RoleBinding).
  const kube = (key: ThroughputSubject['key'], label: string, server: { url: string; pid: number } | undefined, job: (round: number) => Job) => {
    if (server && servers.readerTLS) subjects.push({ key, label, job, pids: { server: server.pid, etcd } });
  };
  const tls = servers.readerTLS;
  kube('kubeCreatesPerSec', 'kube-apiserver creates', servers.kube, (round) => ({
    kind: 'http-creates',
    url: servers.kube!.url,
    namespace: namespaces.create,
    namePrefix: `kube-${stamp}-${round}`,
    tls,
    ...loopWindow(ctx),
  }));
  kube('kubeCachedGetsPerSec', 'kube-apiserver TLS gets, AlwaysAllow', servers.kube, () => ({
    kind: 'http-gets',
    url: servers.kube!.url,
    path: cachedGetPath,
    tls,
    ...loopWindow(ctx),
  }));
  kube('kubeRbacCachedGetsPerSec', 'kube-apiserver TLS gets, Node,RBAC', servers.kubeRbac, () => ({
    kind: 'http-gets',
    url: servers.kubeRbac!.url,
    path: cachedGetPath,
    tls,
    ...loopWindow(ctx),
  }));
  return subjects.filter(
    (s) =>
      wants(ctx.cfg, s.key) ||
      (s.key === 'kubeCreatesPerSec' && wants(ctx.cfg, 'kubeCpuMsPerCreate')) ||
      (s.key === 'kubeCachedGetsPerSec' && wants(ctx.cfg, 'kubeCpuMsPerCachedGet')),
  );
}
