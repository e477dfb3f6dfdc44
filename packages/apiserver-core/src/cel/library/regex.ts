import type { CelEnvironment } from '../engine';

/**
 * Kubernetes' CEL regex library (k8s.io/apiserver/pkg/cel/library/regex.go): find and findAll. Patterns are RE2 in kube;
 * JavaScript's engine accepts the RE2 syntax CRDs use in practice (no backreferences are offered by RE2 anyway).
 */
const cache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'gu');
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
}

export function registerRegex(env: CelEnvironment): void {
  env.registerFunction('string.find(string): string', (s: string, p: string) => compiled(p).exec(s)?.[0] ?? '');
  env.registerFunction('string.findAll(string): list<string>', (s: string, p: string) => [...s.matchAll(compiled(p))].map((m) => m[0]));
  env.registerFunction('string.findAll(string, int): list<string>', (s: string, p: string, n: bigint) => {
    const all = [...s.matchAll(compiled(p))].map((m) => m[0]);
    return n < 0n ? all : all.slice(0, Number(n));
  });
}
