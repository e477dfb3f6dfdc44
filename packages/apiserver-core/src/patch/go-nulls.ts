import { isIntOrString, type SchemaObject } from '../schema/types';

/**
 * Go's zero value for a schema, as a JSON value: what kube-apiserver's decoder makes of a null list
 * item or map value in a built-in type (`containers: [null]` is one container with no name, which
 * validation then refuses with 422 — not a crash in the defaulting). Below
 * x-kubernetes-preserve-unknown-fields null stays null, as Go keeps it in interface{} values.
 */
export function zeroValue(s: SchemaObject | undefined): unknown {
  if (!s || s['x-kubernetes-preserve-unknown-fields']) return null;
  if (isIntOrString(s)) return 0;
  switch (s.type) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return null;
    default:
      return s.properties || s.additionalProperties ? {} : null;
  }
}
