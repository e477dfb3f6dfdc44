import { childSchema, itemsOf, type JSONSchemaProps } from './types';

/**
 * A validation rule's `fieldPath` (`.spec.replicas`, `.labels['app.kubernetes.io/name']`, `.items`) checked against the
 * schema and normalized to the field path text kube appends to the rule's location (`spec.replicas`, `labels[app…]`).
 * Returns an error text for a path that does not name a field of the schema, as kube's CRD validation words it.
 */
export function normalizeRuleFieldPath(path: string, schema: JSONSchemaProps): { path?: string; error?: string } {
  let out = '';
  let s: JSONSchemaProps | undefined = schema;
  let rest = path;
  while (rest.length) {
    let name: string;
    if (rest.startsWith('.')) {
      const m = /^\.([^.[]+)/.exec(rest);
      if (!m) return { error: 'unexpected end of JSON path' };
      name = m[1];
      rest = rest.slice(m[0].length);
    } else if (rest.startsWith("['")) {
      const end = rest.indexOf("']");
      if (end < 0) return { error: 'expected ] but got end of path' };
      name = rest.slice(2, end).replace(/\\(.)/g, '$1');
      rest = rest.slice(end + 2);
    } else {
      return { error: `expected [ or . but got: ${rest[0]}` };
    }
    if (!s) return { error: 'does not refer to a valid field' };
    const named = !!s.properties?.[name];
    if (!named && typeof s.additionalProperties !== 'object') return { error: 'does not refer to a valid field' };
    out = named ? (out ? `${out}.${name}` : name) : `${out}[${name}]`;
    s = childSchema(s, name);
    if (s && s.type === 'array' && rest.length && !rest.startsWith('.') && !rest.startsWith("['")) s = itemsOf(s);
  }
  return { path: out };
}
