import { childSchema, field, parseSimpleJSONPath, Path, type ErrorList, type JSONSchemaProps } from '@kapi/apiserver-core';

/** MaxSelectableFields of kube's validation. */
const maxSelectableFields = 8;

/** The schema node a dotted path leads to, or an error text as kube's field path check gives it. */
function schemaAt(schema: JSONSchemaProps, jsonPath: string): { node?: JSONSchemaProps; keys: string[]; error?: string } {
  const steps = parseSimpleJSONPath(jsonPath);
  if (!steps || !steps.every((s) => 'key' in s)) return { keys: [], error: 'is an invalid path: array notation is not allowed' };
  const keys = steps.map((s) => (s as { key: string }).key);
  let node: JSONSchemaProps | undefined = schema;
  for (const k of keys) {
    node = childSchema(node, k);
    if (!node) return { keys, error: `is an invalid path: does not refer to a valid field` };
  }
  return { node, keys };
}

/** ValidateCustomResourceSelectableFields: at most 8, each a field of type string, boolean or integer outside metadata, no duplicates. */
export function validateSelectableFields(fields: { jsonPath: string }[], schema: JSONSchemaProps | undefined, p: Path): ErrorList {
  const errs: ErrorList = [];
  if (fields.length > maxSelectableFields) errs.push(field.tooMany(p, fields.length, maxSelectableFields));
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = p.index(i).child('jsonPath');
    if (!f.jsonPath) {
      errs.push(field.required(at));
      return;
    }
    const { node, keys, error } = schemaAt(schema ?? {}, f.jsonPath);
    if (error) {
      errs.push(field.invalid(at, f.jsonPath, error));
      return;
    }
    if (keys[0] === 'metadata') errs.push(field.invalid(at, f.jsonPath, 'must not point to fields in metadata'));
    if (!['string', 'boolean', 'integer'].includes(node?.type ?? '')) {
      errs.push(field.invalid(at, f.jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'));
    }
    if (seen.has(keys.join('.'))) errs.push(field.duplicate(at, f.jsonPath));
    seen.add(keys.join('.'));
  });
  return errs;
}

/** The field label of a selectable field (".spec.color" → "spec.color"). */
export function selectableFieldLabel(jsonPath: string): string {
  return jsonPath.replace(/^\./, '');
}
