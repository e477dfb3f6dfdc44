import { isMap, setMember, type JSONMap } from './json';

/**
 * RFC 7386 JSON merge patch: a map merges member by member, null deletes a member, anything else
 * replaces. `target` is not modified. (json-merge-patch assigns members, so a `__proto__` key in a
 * patch set the result's prototype.)
 */
export function applyJSONMergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  const out: JSONMap = {};
  if (isMap(target)) for (const [k, v] of Object.entries(target)) setMember(out, k, v);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setMember(out, k, applyJSONMergePatch(Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined, v));
  }
  return out;
}
