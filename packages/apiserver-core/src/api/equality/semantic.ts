/**
 * apiequality.Semantic.DeepEqual for JSON values: the one way kapi compares objects. Key order does not
 * matter (a PUT body, a patch result and the stored object list keys in different orders, and kube compares
 * decoded structs, not bytes), members set to `undefined` are absent (they are when serialized), values and
 * array order do matter. A comparison through `JSON.stringify` is order-sensitive: a client that reorders the
 * keys of an immutable ConfigMap's data would be told the field is immutable.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  }
  const am = a as Record<string, unknown>;
  const bm = b as Record<string, unknown>;
  let defined = 0;
  for (const k of Object.keys(am)) {
    if (am[k] === undefined) continue;
    defined++;
    if (!Object.prototype.hasOwnProperty.call(bm, k) || !semanticEqual(am[k], bm[k])) return false;
  }
  return defined === definedKeyCount(bm);
}

function definedKeyCount(m: Record<string, unknown>): number {
  let n = 0;
  for (const k of Object.keys(m)) if (m[k] !== undefined) n++;
  return n;
}
