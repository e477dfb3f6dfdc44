import type { FigureKey, Figures } from '../figures';

/**
 * The targets, each a ratio of two figures taken in the same run (or one figure against a
 * fixed bound), so that a noisy machine moves both sides together.
 */
export interface Target {
  id: string;
  label: string;
  /** The ratio's value from this run's figures. */
  value: (f: Figures) => number;
  /** At least (≥) or at most (≤) `bound`. */
  kind: 'atLeast' | 'atMost';
  bound: number;
  unit: '×' | 'ms';
  uses: FigureKey[];
}

export const targets: Target[] = [
  {
    id: 'etcd-creates',
    label: 'kapi creates on etcd / raw etcd creates',
    value: (f) => f.kapiEtcdCreatesPerSec / f.etcdRawCreatesPerSec,
    kind: 'atLeast',
    bound: 0.7,
    unit: '×',
    uses: ['kapiEtcdCreatesPerSec', 'etcdRawCreatesPerSec'],
  },
  {
    id: 'embedded-creates',
    label: 'kapi creates on embedded / raw etcd creates',
    value: (f) => f.kapiEmbeddedCreatesPerSec / f.etcdRawCreatesPerSec,
    kind: 'atLeast',
    bound: 1,
    unit: '×',
    uses: ['kapiEmbeddedCreatesPerSec', 'etcdRawCreatesPerSec'],
  },
  {
    id: 'cached-vs-koa',
    label: 'cached GETs / bare koa GETs',
    value: (f) => f.kapiCachedGetsPerSec / f.bareKoaGetsPerSec,
    kind: 'atLeast',
    bound: 0.5,
    unit: '×',
    uses: ['kapiCachedGetsPerSec', 'bareKoaGetsPerSec'],
  },
  {
    id: 'cached-vs-uncached',
    label: 'cached GETs / uncached GETs',
    value: (f) => f.kapiCachedGetsPerSec / f.kapiUncachedGetsPerSec,
    kind: 'atLeast',
    bound: 3,
    unit: '×',
    uses: ['kapiCachedGetsPerSec', 'kapiUncachedGetsPerSec'],
  },
  {
    id: 'list-vs-stringify',
    label: 'LIST 5k p50 / JSON.stringify p50',
    value: (f) => f.list5kCachedMsP50 / f.list5kStringifyMsP50,
    kind: 'atMost',
    bound: 2,
    unit: '×',
    uses: ['list5kCachedMsP50', 'list5kStringifyMsP50'],
  },
  { id: 'watch-p99', label: 'watch 1k p99', value: (f) => f.watch1kP99Ms, kind: 'atMost', bound: 50, unit: 'ms', uses: ['watch1kP99Ms'] },
  {
    id: 'cache-bytes',
    label: 'cache bytes per object / JSON bytes per object',
    value: (f) => f.cacheBytesPerObject / f.jsonBytesPerObject,
    kind: 'atMost',
    bound: 2,
    unit: '×',
    uses: ['cacheBytesPerObject', 'jsonBytesPerObject'],
  },
  // Against kube-apiserver in the same run (kapi / kube: ≥ 1 for throughputs, ≤ 1 for latencies and memory).
  {
    id: 'creates-vs-kube',
    label: 'kapi creates on etcd / kube-apiserver creates',
    value: (f) => f.kapiEtcdCreatesPerSec / f.kubeCreatesPerSec,
    kind: 'atLeast',
    bound: 1,
    unit: '×',
    uses: ['kapiEtcdCreatesPerSec', 'kubeCreatesPerSec'],
  },
  {
    id: 'gets-vs-kube',
    label: "kapi HTTPS cached GETs / kube-apiserver's (AlwaysAllow)",
    value: (f) => f.alwaysAllowTLSCachedGetsPerSec / f.kubeCachedGetsPerSec,
    kind: 'atLeast',
    bound: 1,
    unit: '×',
    uses: ['alwaysAllowTLSCachedGetsPerSec', 'kubeCachedGetsPerSec'],
  },
  {
    id: 'rbac-gets-vs-kube',
    label: "kapi HTTPS cached GETs / kube-apiserver's (Node,RBAC)",
    value: (f) => f.rbacCachedGetsPerSec / f.kubeRbacCachedGetsPerSec,
    kind: 'atLeast',
    bound: 1,
    unit: '×',
    uses: ['rbacCachedGetsPerSec', 'kubeRbacCachedGetsPerSec'],
  },
  {
    id: 'list-vs-kube',
    label: "kapi LIST 5k p50 / kube-apiserver's",
    value: (f) => f.list5kCachedMsP50 / f.kubeList5kMsP50,
    kind: 'atMost',
    bound: 1,
    unit: '×',
    uses: ['list5kCachedMsP50', 'kubeList5kMsP50'],
  },
  {
    id: 'watch-vs-kube',
    label: "kapi watch 1k p99 / kube-apiserver's",
    value: (f) => f.watch1kP99Ms / f.kubeWatch1kP99Ms,
    kind: 'atMost',
    bound: 1,
    unit: '×',
    uses: ['watch1kP99Ms', 'kubeWatch1kP99Ms'],
  },
  {
    id: 'rss-vs-kube',
    label: "kapi RSS at 50k objects / kube-apiserver's",
    value: (f) => f.kapiRssMbAt50k / f.kubeRssMbAt50k,
    kind: 'atMost',
    bound: 1,
    unit: '×',
    uses: ['kapiRssMbAt50k', 'kubeRssMbAt50k'],
  },
  { id: 'startup', label: 'startup to /readyz (embedded)', value: (f) => f.startupMs, kind: 'atMost', bound: 1000, unit: 'ms', uses: ['startupMs'] },
];

export interface TargetOutcome {
  target: Target;
  value: number;
  met: boolean | undefined;
  /** How far along the target is: ≥ 1 means met, whichever way the bound points. */
  score: number;
}

export function evaluate(f: Figures): TargetOutcome[] {
  return targets.map((target) => {
    const value = target.value(f);
    if (!Number.isFinite(value)) return { target, value, met: undefined, score: NaN };
    const score = target.kind === 'atLeast' ? value / target.bound : value <= 0 ? Infinity : target.bound / value;
    return { target, value, met: score >= 1, score };
  });
}

export function boundText(t: Target): string {
  return `${t.kind === 'atLeast' ? '≥' : '≤'} ${t.bound}${t.unit === 'ms' ? ' ms' : '×'}`;
}
