import type { CelEnvironment } from '../engine';

type Comparable = bigint | number | string | boolean;

function compare(a: Comparable, b: Comparable): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function extreme(l: Comparable[], sign: number, name: string): Comparable {
  if (l.length === 0) throw new Error(`${name}(): list cannot be empty`);
  return l.reduce((m, x) => (compare(x, m) * sign > 0 ? x : m));
}

/** Kubernetes' CEL list library (k8s.io/apiserver/pkg/cel/library/lists.go). */
export function registerLists(env: CelEnvironment): void {
  env.registerFunction('list.isSorted(): bool', (l: Comparable[]) => l.every((x, i) => i === 0 || compare(l[i - 1], x) <= 0));
  env.registerFunction('list.sum(): dyn', (l: Comparable[]) => {
    if (l.length === 0) return 0n;
    return (l as (bigint | number)[]).reduce((a, b) => (typeof a === 'bigint' && typeof b === 'bigint' ? a + b : Number(a) + Number(b)));
  });
  env.registerFunction('list.min(): dyn', (l: Comparable[]) => extreme(l, -1, 'min'));
  env.registerFunction('list.max(): dyn', (l: Comparable[]) => extreme(l, 1, 'max'));
  env.registerFunction('list.indexOf(dyn): int', (l: unknown[], x: unknown) => BigInt(l.findIndex((y) => celEquals(y, x))));
  env.registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], x: unknown) => {
    for (let i = l.length - 1; i >= 0; i--) if (celEquals(l[i], x)) return BigInt(i);
    return -1n;
  });
}

/** Equality of CEL values as the list functions need it (ints and doubles of equal value are equal, as in CEL). */
export function celEquals(a: unknown, b: unknown): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return Number(a) === Number(b);
  if (a instanceof Map || b instanceof Map) return false;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
