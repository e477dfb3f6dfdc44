import { childSchema, isObject, itemsOf, type JSONSchemaProps } from './types';

const nonNullableNull = (x: unknown, s: JSONSchemaProps | undefined) => x === null && !!s && !s.nullable;

/**
 * Structural defaulting as kube-apiserver applies it to custom resources, in place: nulls of non-nullable fields without
 * a default are dropped first, then defaults are set top-down — a missing field, or a null where null is not allowed,
 * takes its default, and the defaulted value is defaulted further below.
 */
export function applyDefaults(obj: unknown, schema: JSONSchemaProps | undefined): void {
  pruneNonNullableNullsWithoutDefaults(obj, schema);
  applyDefaultsAt(obj, schema);
}

function applyDefaultsAt(x: unknown, s: JSONSchemaProps | undefined): void {
  if (!s) return;
  if (isObject(x)) {
    for (const [k, prop] of Object.entries(s.properties ?? {})) {
      if (prop.default === undefined) continue;
      if (!(k in x) || nonNullableNull(x[k], prop)) x[k] = structuredClone(prop.default);
    }
    const ap = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    for (const k of Object.keys(x)) {
      const prop = s.properties?.[k];
      if (prop) applyDefaultsAt(x[k], prop);
      else if (ap) {
        if (nonNullableNull(x[k], ap) && ap.default !== undefined) x[k] = structuredClone(ap.default);
        applyDefaultsAt(x[k], ap);
      }
    }
  } else if (Array.isArray(x)) {
    const items = itemsOf(s);
    for (let i = 0; i < x.length; i++) {
      if (nonNullableNull(x[i], items) && items?.default !== undefined) x[i] = structuredClone(items.default);
      applyDefaultsAt(x[i], items);
    }
  }
}

/** Drops `null` values the schema does not allow and has no default for (they would otherwise fail validation). */
export function pruneNonNullableNullsWithoutDefaults(x: unknown, s: JSONSchemaProps | undefined): void {
  if (!s) return;
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      const sub = childSchema(s, k);
      if (!sub) continue;
      if (x[k] === null && !sub.nullable && sub.default === undefined) delete x[k];
      else pruneNonNullableNullsWithoutDefaults(x[k], sub);
    }
  } else if (Array.isArray(x)) {
    const items = itemsOf(s);
    for (const v of x) pruneNonNullableNullsWithoutDefaults(v, items);
  }
}
