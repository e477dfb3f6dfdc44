/**
 * Limits on a decoded request body that JSON.parse and js-yaml do not enforce but Go's decoders do:
 * nesting too deep ("exceeded max depth"), YAML aliases that expand
 * a small document into a huge one (yaml's "excessive aliasing", the billion-laughs bomb: js-yaml
 * shares aliased nodes, so the expansion happens later, in JSON.stringify or a merge, and hangs the
 * server), and numbers a float64 cannot hold (1e400, .inf, .nan).
 */
/**
 * encoding/json allows 10000 levels, but V8's JSON.stringify and structuredClone overflow the stack
 * near 4000 and our recursive merges sooner, which made such bodies 500s; no real object nests
 * anywhere near 1000 levels.
 */
export const maxDecodedDepth = 1_000;

/** Go's text for a body nested past the limit. */
export const exceededMaxDepth = 'exceeded max depth';

/** Returns what is wrong with a decoded value, or undefined. Walks iteratively and stops at its budget. */
export function decodedLimitViolation(value: unknown, sourceBytes: number): string | undefined {
  // Without aliases every node takes at least one byte of the source; the slack keeps small
  // documents that reuse an anchor a few times well inside the budget.
  const nodeBudget = 10 * sourceBytes + 100_000;
  let nodes = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++nodes > nodeBudget) return 'yaml: document contains excessive aliasing';
    if (typeof v === 'number' && !Number.isFinite(v)) return `cannot represent ${v} as a float64 JSON number`;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDecodedDepth) return exceededMaxDepth;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) stack.push([child, depth + 1]);
  }
  return undefined;
}
