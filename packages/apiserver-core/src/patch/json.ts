/** A JSON object (not an array, not null). */
export type JSONMap = Record<string, unknown>;

export const isMap = (v: unknown): v is JSONMap => v !== null && typeof v === 'object' && !Array.isArray(v);

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
