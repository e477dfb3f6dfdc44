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

/**
 * Sets a member as an own data property. A request body's `__proto__` key (JSON.parse keeps it as
 * an own key) is a key like any other for kube; a plain assignment would replace the prototype
 * instead, losing the key and breaking whatever reads the object next (a 500).
 */
export function setMember(m: JSONMap, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true });
  else m[key] = value;
}

/**
 * A member of a map, own properties only. `m['__proto__']` is Object.prototype, and a merge into
 * it polluted every object of the server process (a strategic merge patch `{"__proto__": {…}}`).
 */
export function ownMember(m: JSONMap, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
}
