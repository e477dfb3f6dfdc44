import { figureDescriptions, figureKeys, ratioKeys, ratios, type Figures } from '../figures';
import { boundText, type TargetOutcome } from './targets';

export interface RunInfo {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSec: number;
  machine: string;
  node: string;
  etcd: string;
  kube: string;
  gitCommit: string;
}

function num(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

type PerRequest = { cpuMsPerRequest: Record<string, number>; cpuPct: Record<string, number>; clientCpuPct: number };

const serverMs = (details: Record<string, unknown>, key: string) => (details[key] as PerRequest | undefined)?.cpuMsPerRequest.server ?? NaN;

/**
 * What authentication and authorization cost: the ratios of the secure-port figures, and the same
 * comparison in server CPU per request, which other load on the machine hardly moves.
 */
function securityCost(f: Figures, details: Record<string, unknown>): string[] {
  const plain = serverMs(details, 'plainCachedGetsPerSec');
  const tls = serverMs(details, 'alwaysAllowTLSCachedGetsPerSec');
  const rbac = serverMs(details, 'rbacCachedGetsPerSec');
  if (![plain, tls, rbac].some(Number.isFinite) && !ratioKeys.some((k) => Number.isFinite(ratios[k].value(f)))) return [];
  const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : 'n/a');
  const delta = (a: number, b: number) => (Number.isFinite(a - b) ? `${a - b >= 0 ? '+' : ''}${((a - b) * 1000).toFixed(0)} µs` : 'n/a');
  return [
    '## Cost of authentication and authorization',
    '',
    'Cached GETs of one ConfigMap, interleaved with the other figures: over HTTPS with the client certificate of a user',
    'outside system:masters (so the privileged-group authorizer does not short-circuit), on a server with',
    '`--authorization-mode AlwaysAllow` and on one with the default `Node,RBAC` (a RoleBinding to `view`), and over plain',
    "HTTP on the AlwaysAllow server's insecure port (system:unsecured in system:masters: no TLS, no authentication).",
    '',
    '| ratio | this run | what |',
    '|---|---:|---|',
    ...ratioKeys.map((k) => `| \`${k}\` | ${num(ratios[k].value(f))}× | ${ratios[k].description} |`),
    '',
    '| path | server CPU per request | added |',
    '|---|---:|---:|',
    `| plain HTTP, insecure port | ${ms(plain)} | |`,
    `| HTTPS, x509 user, AlwaysAllow | ${ms(tls)} | ${delta(tls, plain)} (TLS + x509) |`,
    `| HTTPS, x509 user, Node,RBAC | ${ms(rbac)} | ${delta(rbac, tls)} (RBAC) |`,
    '',
  ];
}

/**
 * kapi beside kube-apiserver, raw etcd and bare koa, path by path: throughput and, steadier on a shared
 * machine, server CPU per request (kube-apiserver's over all its threads, kapi's on its one core).
 */
function sideBySide(f: Figures, details: Record<string, unknown>): string[] {
  if (
    ![f.kubeCreatesPerSec, f.kubeCachedGetsPerSec, f.kubeList5kMsP50, f.kubeWatch1kP99Ms, f.kubeRssMbAt50k, f.kapiWorkers2CreatesPerSec, f.kapiEmbeddedWorkers2CreatesPerSec].some(
      Number.isFinite,
    )
  )
    return [];
  const ms = (key: string) => {
    const v = serverMs(details, key);
    return Number.isFinite(v) ? `${v.toFixed(2)} ms` : 'n/a';
  };
  const etcdMs = (key: string) => (details[key] as PerRequest | undefined)?.cpuMsPerRequest.etcd;
  const ownerMs = (key: string) => {
    const v = (details[key] as PerRequest | undefined)?.cpuMsPerRequest.owner;
    return v !== undefined && Number.isFinite(v) ? `${v.toFixed(2)} ms` : 'n/a';
  };
  const listCpu = (key: string) => (details[key] as { serverCpuMsPerList?: number } | undefined)?.serverCpuMsPerList;
  const watchCpu = (key: string) => (details[key] as { serverCpuUsPerEventDelivered?: number } | undefined)?.serverCpuUsPerEventDelivered;
  const cpuText = (v: number | undefined, unit: string) => (v === undefined ? 'n/a' : `${v} ${unit}`);
  return [
    '## kapi beside kube-apiserver, raw etcd and bare koa',
    '',
    'Same etcd (kube-apiserver under its own prefix, JSON storage), same payload, 64 connections, interleaved rounds.',
    'kube-apiserver uses every core; kapi serves on one (see the workers table). Throughput moves with the CPU each process',
    'was given; CPU per request moves far less, though on an oversubscribed machine it too is inflated (context switches,',
    'cold caches, and per-connection TLS handshakes spread over few requests).',
    '',
    '| path | kapi | kube-apiserver | raw etcd / bare koa | kapi CPU | kube CPU |',
    '|---|---:|---:|---:|---:|---:|',
    `| creates/s (kapi plain HTTP; kube HTTPS, AlwaysAllow) | ${num(f.kapiEtcdCreatesPerSec)} | ${num(f.kubeCreatesPerSec)} | ${num(f.etcdRawCreatesPerSec)} (etcd txn) | ${ms('kapiEtcdCreatesPerSec')} | ${ms('kubeCreatesPerSec')} |`,
    `| etcd CPU per create | | | | ${etcdMs('kapiEtcdCreatesPerSec') ?? 'n/a'} ms | ${etcdMs('kubeCreatesPerSec') ?? 'n/a'} ms |`,
    `| cached GETs/s, HTTPS x509, AlwaysAllow | ${num(f.alwaysAllowTLSCachedGetsPerSec)} | ${num(f.kubeCachedGetsPerSec)} | ${num(f.bareKoaGetsPerSec)} (koa, plain) | ${ms('alwaysAllowTLSCachedGetsPerSec')} | ${ms('kubeCachedGetsPerSec')} |`,
    `| cached GETs/s, HTTPS x509, Node,RBAC | ${num(f.rbacCachedGetsPerSec)} | ${num(f.kubeRbacCachedGetsPerSec)} | | ${ms('rbacCachedGetsPerSec')} | ${ms('kubeRbacCachedGetsPerSec')} |`,
    `| LIST 5k p50 | ${num(f.list5kCachedMsP50)} ms | ${num(f.kubeList5kMsP50)} ms | ${num(f.list5kStringifyMsP50)} ms (stringify) | ${cpuText(listCpu('list5k'), 'ms/list')} | ${cpuText(listCpu('kubeList5k'), 'ms/list')} |`,
    `| watch 1k p50 / p99 | ${num(f.watch1kP50Ms)} / ${num(f.watch1kP99Ms)} ms | ${num(f.kubeWatch1kP50Ms)} / ${num(f.kubeWatch1kP99Ms)} ms | | ${cpuText(watchCpu('watch1k'), 'µs/event')} | ${cpuText(watchCpu('kubeWatch1k'), 'µs/event')} |`,
    `| RSS with 50k ConfigMaps cached | ${num(f.kapiRssMbAt50k)} MiB | ${num(f.kubeRssMbAt50k)} MiB | | | |`,
    '',
    '### kapi with 1 and 2 workers (`--workers 2`, etcd, plain HTTP on the insecure port)',
    '',
    '| path | 1 worker | 2 workers | CPU/request, 1 worker | CPU/request, 2 workers (both) |',
    '|---|---:|---:|---:|---:|',
    `| creates/s | ${num(f.kapiEtcdCreatesPerSec)} | ${num(f.kapiWorkers2CreatesPerSec)} | ${ms('kapiEtcdCreatesPerSec')} | ${ms('kapiWorkers2CreatesPerSec')} |`,
    `| cached GETs/s | ${num(f.kapiCachedGetsPerSec)} | ${num(f.kapiWorkers2CachedGetsPerSec)} | ${ms('kapiCachedGetsPerSec')} | ${ms('kapiWorkers2CachedGetsPerSec')} |`,
    '',
    '### kapi on the embedded store with 1 and 2 workers (the primary owns the store; its CPU is counted in the 2-worker column)',
    '',
    '| path | 1 worker | 2 workers | CPU/request, 1 worker | CPU/request, 2 workers + owner | of which the owner |',
    '|---|---:|---:|---:|---:|---:|',
    `| creates/s | ${num(f.kapiEmbeddedCreatesPerSec)} | ${num(f.kapiEmbeddedWorkers2CreatesPerSec)} | ${ms('kapiEmbeddedCreatesPerSec')} | ${ms('kapiEmbeddedWorkers2CreatesPerSec')} | ${ownerMs('kapiEmbeddedWorkers2CreatesPerSec')} |`,
    `| cached GETs/s | (see etcd: the cache answers) | ${num(f.kapiEmbeddedWorkers2CachedGetsPerSec)} | | ${ms('kapiEmbeddedWorkers2CachedGetsPerSec')} | ${ownerMs('kapiEmbeddedWorkers2CachedGetsPerSec')} |`,
    '',
  ];
}

/** The run's report: machine, figures, each target's ratio and verdict, notes, and the chart. */
export function renderMarkdown(info: RunInfo, f: Figures, outcomes: TargetOutcome[], notes: string[], chartFile: string, details: Record<string, unknown>): string {
  const lines = [
    `# kapi benchmarks — ${info.mode} run, ${info.startedAt}`,
    '',
    `- machine: ${info.machine}`,
    `- node ${info.node}, ${info.etcd}, ${info.kube}, kapi at ${info.gitCommit}`,
    `- concurrency 64, ~1 KB ConfigMap, warm-up before each figure; run took ${info.durationSec.toFixed(0)} s`,
    "- load generators run in their own processes; server, etcd and load generator share the machine's cores;",
    '  throughput figures are the best of interleaved rounds — compare ratios, not absolute figures',
    '',
    `![chart](${chartFile})`,
    '',
    '## Targets',
    '',
    '| target | this run | bound | verdict |',
    '|---|---:|---:|---|',
    ...outcomes.map(
      (o) =>
        `| ${o.target.label} | ${num(o.value)}${o.target.unit === 'ms' ? ' ms' : '×'} | ${boundText(o.target)} | ${o.met === undefined ? 'not measured' : o.met ? 'met' : '**missed**'} |`,
    ),
    '',
    ...sideBySide(f, details),
    ...securityCost(f, details),
    '## Figures',
    '',
    '| key | value | what |',
    '|---|---:|---|',
    ...figureKeys.map((k) => `| \`${k}\` | ${num(f[k])} | ${figureDescriptions[k]} |`),
    '',
  ];
  const perRequest = Object.entries(details).filter(([, d]) => typeof d === 'object' && d !== null && 'cpuMsPerRequest' in d) as [string, PerRequest][];
  if (perRequest.length > 0) {
    lines.push(
      '## CPU per request',
      '',
      'CPU milliseconds each process spent per request over the figure (warm-up included), and the share of a core it got.',
      'On a busy machine these compare paths better than requests per second do.',
      '',
      '| figure | server ms/req | etcd ms/req | server % core | etcd % core | load process % core |',
      '|---|---:|---:|---:|---:|---:|',
      ...perRequest.map(
        ([k, d]) => `| ${k} | ${d.cpuMsPerRequest.server ?? '–'} | ${d.cpuMsPerRequest.etcd ?? '–'} | ${d.cpuPct.server ?? '–'} | ${d.cpuPct.etcd ?? '–'} | ${d.clientCpuPct} |`,
      ),
      '',
    );
  }
  if (notes.length > 0) lines.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  lines.push('## Details', '', '```json', JSON.stringify(details, null, 2), '```', '');
  return lines.join('\n');
}
