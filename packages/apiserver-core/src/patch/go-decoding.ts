import type { SchemaRegistry } from '../schema/schema-registry';
import type { SchemaObject } from '../schema/types';
import { zeroValue } from './go-nulls';
import { asMetaV1Time, isMetaV1Time } from './go-time';
import { isMap } from './json';
import { shortName, structOf, takesAnyJSON, typeErrorOf } from './type-check';

/** What decoding a built-in kind's JSON as Go does found. */
export interface GoDecoding {
  /** The first value of a JSON type its field does not take, in Go's words: the request is refused (400). */
  typeError?: string;
  /** The unknown fields, by path as kube-apiserver reports them (`spec.template.spec.containers[0].imagee`), now pruned. */
  unknown: string[];
}

/**
 * Decodes a built-in kind's request object (in place) as kube-apiserver's Go decoder does, in one
 * walk over the object and its schema:
 * - a value of the wrong JSON type stops the walk with Go's message (null is accepted everywhere);
 * - a null list item or map value becomes its type's zero value; a null field stays null, since
 *   every reader treats it as absent and Go re-encodes some (a template's `creationTimestamp: null`);
 * - a field the schema does not know is removed and reported (the fieldValidation directive decides
 *   what that means);
 * - a metav1.Time keeps whole seconds in UTC, as Go re-encodes it (MicroTime fields keep theirs).
 * Below x-kubernetes-preserve-unknown-fields, and in values Go decodes itself (RawExtension), nothing
 * is checked or changed.
 */
export function decodeAsGo(obj: unknown, rootDefinition: string, schemas: SchemaRegistry): GoDecoding {
  const result: GoDecoding = { unknown: [] };
  /** Walks a value at `path` (with indices) / `goPath` (without: Go's field path); false once a type error is found. */
  const walk = (value: unknown, schema: SchemaObject | undefined, path: string, goPath: string, struct: string): boolean => {
    if (value === null || value === undefined || !schema) return true;
    const s = schemas.resolve(schema);
    if (!s || s['x-kubernetes-preserve-unknown-fields'] || takesAnyJSON(s)) return true;
    const typeError = typeErrorOf(value, schema, s, goPath, struct, schemas);
    if (typeError) {
      result.typeError = typeError;
      return false;
    }
    const inner = structOf(schema, struct);
    if (Array.isArray(value)) {
      const itemStruct = structOf(s.items, inner);
      for (let i = 0; i < value.length; i++) {
        if (value[i] === null) value[i] = zeroValue(schemas.resolve(s.items));
        else if (!walk(value[i], s.items, `${path}[${i}]`, goPath, itemStruct)) return false;
      }
      return true;
    }
    if (!isMap(value)) return true;
    const values = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const prop = s.properties?.[key];
      if (prop) {
        if (!walk(child, prop, childPath, goPath ? `${goPath}.${key}` : key, inner)) return false;
        if (typeof child === 'string' && isMetaV1Time(prop)) value[key] = asMetaV1Time(child);
      } else if (values) {
        if (child === null) value[key] = zeroValue(schemas.resolve(values));
        else if (!walk(child, values, childPath, goPath, inner)) return false;
      } else if (s.properties && s.additionalProperties !== true) {
        result.unknown.push(childPath);
        delete value[key];
      }
    }
    return true;
  };
  if (schemas.definition(rootDefinition)) walk(obj, { $ref: `#/components/schemas/${rootDefinition}` }, '', '', shortName(rootDefinition));
  return result;
}
