import { applyOperation, getValueByPointer, type Operation } from 'fast-json-patch';

/**
 * Applies an RFC 6902 JSON patch to a copy of `doc` whose maps have no prototype, so a pointer
 * reaches own members only. On plain objects fast-json-patch follows inherited members:
 * `move` from `/toString` put Object.prototype.toString into the document, and a later op under
 * it wrote onto that shared function — one request could change the whole server process.
 * Throws on any operation that does not apply (the caller answers 422).
 */
export function applyJSONPatch(doc: unknown, ops: Operation[]): unknown {
  let current = withoutPrototypes(doc);
  for (const op of ops) {
    if ((op?.op === 'move' || op?.op === 'copy') && getValueByPointer(current, String(op.from)) === undefined) {
      throw new Error(`missing value at ${String(op.from)}`);
    }
    current = applyOperation(current, op, true, true).newDocument;
  }
  return JSON.parse(JSON.stringify(current)) as unknown;
}

function withoutPrototypes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutPrototypes);
  if (v === null || typeof v !== 'object') return v;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, x] of Object.entries(v)) out[k] = withoutPrototypes(x);
  return out;
}
