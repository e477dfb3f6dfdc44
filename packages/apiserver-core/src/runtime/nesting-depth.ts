/**
 * The deepest nesting of arrays and objects kapi decodes from a request. kube-apiserver's JSON
 * decoders stop at 10,000 levels ("exceeded max depth"); kapi's patch, merge and validation code
 * recurses, and on Node's default stack strategic merge patch overflows near 3,000 levels, so kapi
 * stops at 1,000 — far beyond any real object, and a 400 instead of a 500 (or a crash) past it.
 */
export const maxNestingDepth = 1000;

/** The message of kube's decoders for input nested too deeply. */
export const exceededMaxDepth = 'exceeded max depth';

/** Whether JSON text nests deeper than `max`, scanned without recursion and without parsing. */
export function jsonNestsDeeperThan(text: string, max = maxNestingDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Whether a decoded value (from YAML, say) nests deeper than `max`, walked without recursion. */
export function valueNestsDeeperThan(value: unknown, max = maxNestingDepth): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    if (depth + 1 > max) return true;
    // YAML anchors can share one node many times; each is walked once.
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
