import type { CompiledSchema } from './compiled-schema';
import { isObject } from './types';

/**
 * A decoded JSON value as CEL sees it under its schema: integers are CEL ints (BigInt), `type: number` values are
 * doubles even when integral, objects are maps, arrays are lists. Unknown (preserved) fields follow the JSON value.
 */
export function toCELValue(v: unknown, s: CompiledSchema | undefined): unknown {
  if (typeof v === 'number') {
    if (s?.types.length === 1 && s.types[0] === 'number') return v;
    return Number.isInteger(v) ? BigInt(v) : v;
  }
  if (Array.isArray(v)) return v.map((x) => toCELValue(x, s?.items));
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toCELValue(x, s?.properties?.get(k) ?? s?.additionalProperties);
    return out;
  }
  return v;
}
