/**
 * The "simple" JSONPath of printer columns, CRD scale paths and selectable fields (`.spec.replicas`,
 * `.status.conditions[0].type`, `.status.conditions[?(@.type=="Ready")].status`): the subset kube's
 * CRDs use, evaluated without a JSONPath library.
 */
type Step = { key: string } | { index: number } | { filter: { key: string; value: string } };

export function parseSimpleJSONPath(path: string): Step[] | undefined {
  const p = path.replace(/^\{(.*)\}$/, '$1');
  if (!p.startsWith('.')) return undefined;
  const steps: Step[] = [];
  const re = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\[\?\(@\.([A-Za-z0-9_$-]+)\s*==\s*["']([^"']*)["']\)\]|\[['"]([^'"]+)['"]\]/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < p.length && (m = re.exec(p))) {
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ filter: { key: m[3], value: m[4] } });
    else steps.push({ key: m[5] });
    at = re.lastIndex;
  }
  return at === p.length ? steps : undefined;
}

/** The values the path selects (a filter may select several); [] when it leads nowhere. */
export function evaluateJSONPath(obj: unknown, path: string): unknown[] {
  let current: unknown[] = [obj];
  for (const step of parseSimpleJSONPath(path) ?? []) {
    const next: unknown[] = [];
    for (const v of current) {
      if ('key' in step && v && typeof v === 'object' && !Array.isArray(v) && step.key in v) next.push((v as Record<string, unknown>)[step.key]);
      else if ('index' in step && Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      else if ('filter' in step && Array.isArray(v)) {
        next.push(...v.filter((x) => x && typeof x === 'object' && String((x as Record<string, unknown>)[step.filter.key]) === step.filter.value));
      }
    }
    current = next;
  }
  return current;
}

/** Sets a value at a path of keys (scale's specReplicasPath), creating the objects on the way. */
export function setAtJSONPath(obj: Record<string, unknown>, path: string, value: unknown): boolean {
  const steps = parseSimpleJSONPath(path);
  if (!steps?.length || !steps.every((s) => 'key' in s)) return false;
  const keys = steps.map((s) => (s as { key: string }).key);
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object' || Array.isArray(cur[k])) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
  return true;
}
