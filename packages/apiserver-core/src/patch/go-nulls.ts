import type { SchemaRegistry } from '../schema/schema-registry';
import { isIntOrString, type SchemaObject } from '../schema/types';
import { isMap } from './json';

/** Go's zero value for a schema, as a JSON value: what a null list item or map value decodes to. */
function zeroValue(s: SchemaObject | undefined): unknown {
  if (!s || s['x-kubernetes-preserve-unknown-fields']) return null;
  if (isIntOrString(s)) return 0;
  switch (s.type) {
    case 'string': return '';
    case 'integer':
    case 'number': return 0;
    case 'boolean': return false;
    case 'array': return null;
    default: return s.properties || s.additionalProperties ? {} : null;
  }
}

/**
 * Replaces null list items and map values (in place) by what kube-apiserver's Go decoder makes of
 * them in a built-in type: the element type's zero value (`containers: [null]` is one container with
 * no name, which validation then refuses with 422 — not a crash in the defaulting). A null field is
 * left as it is: every reader treats it as absent, and Go re-encodes some (a template's
 * `creationTimestamp: null`) as null. Below x-kubernetes-preserve-unknown-fields nulls are kept, as
 * Go keeps them in interface{} values.
 */
export function decodeNullsAsGo(obj: unknown, root: SchemaObject, schemas: SchemaRegistry): void {
  const element = (value: unknown, schema: SchemaObject | undefined): unknown => {
    const s = schemas.resolve(schema);
    if (value !== null) {
      walk(value, s);
      return value;
    }
    return zeroValue(s) ?? null;
  };
  const walk = (value: unknown, s: SchemaObject | undefined): void => {
    if (!s || s['x-kubernetes-preserve-unknown-fields']) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = element(value[i], s.items);
      return;
    }
    if (!isMap(value)) return;
    const values = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    for (const [key, child] of Object.entries(value)) {
      const prop = s.properties?.[key];
      if (prop) walk(child, schemas.resolve(prop));
      else if (values) value[key] = element(child, values);
    }
  };
  walk(obj, schemas.resolve(root));
}
