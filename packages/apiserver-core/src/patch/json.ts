/** A JSON object (not an array, not null). */
export type JSONMap = Record<string, unknown>;

export const isMap = (v: unknown): v is JSONMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as JSONMap);
  const kb = Object.keys(b as JSONMap);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as JSONMap)[k], (b as JSONMap)[k]));
}
