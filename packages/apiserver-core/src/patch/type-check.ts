import { QUANTITY } from '../schema/builtin-definitions';
import type { SchemaRegistry } from '../schema/schema-registry';
import { isIntOrString, refName, scalarUnionTypes, type SchemaObject } from '../schema/types';

export const refOf = (s: SchemaObject | undefined): string | undefined => s?.$ref ?? (s?.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
export const shortName = (definition: string) => definition.slice(definition.lastIndexOf('.') + 1);

function jsonTypeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** The Go type of a JSON number field, from its OpenAPI format (int32, int64, double). */
function goNumberType(s: SchemaObject): string {
  if (s.type === 'number') return s.format === 'float' ? 'float32' : 'float64';
  return s.format === 'int64' ? 'int64' : 'int32';
}

/** Whether a value has one of the JSON types a schema type names. */
function hasType(value: unknown, t: string): boolean {
  switch (t) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === 'object' && !Array.isArray(value);
  }
}

/**
 * A struct without declared fields is a Go type that decodes its JSON itself and takes any value
 * (runtime.RawExtension, metav1.FieldsV1).
 */
export const takesAnyJSON = (s: SchemaObject): boolean => s.type === 'object' && !s.properties && s.additionalProperties === undefined;

/** The Go type a schema decodes into, as Go's decoder names it in a type error (`int32`, `[]v1.Container`). */
function goType(s: SchemaObject | undefined, schemas: SchemaRegistry): string {
  const ref = refOf(s);
  if (ref) {
    const name = refName(ref);
    const def = schemas.definition(name);
    const pkg = name.split('.').slice(-2, -1)[0];
    return def?.type === 'string' && !def.format ? 'string' : `${pkg}.${shortName(name)}`;
  }
  switch (s?.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return goNumberType(s);
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${goType(s.items, schemas)}`;
    default:
      return typeof s?.additionalProperties === 'object' ? `map[string]${goType(s.additionalProperties, schemas)}` : 'map[string]interface {}';
  }
}

/**
 * Whether a non-null `value` has a JSON type its schema (`schema` as written, `resolved` behind its
 * $ref) allows; if not, the message Go's decoder gives kube-apiserver (`json: cannot unmarshal string
 * into Go struct field DeploymentSpec.spec.replicas of type int32`): the innermost struct, the field
 * path without list indices or map keys, the Go type. Integer widths come from the OpenAPI format.
 */
export function typeErrorOf(value: unknown, schema: SchemaObject, resolved: SchemaObject, goPath: string, struct: string, schemas: SchemaRegistry): string | undefined {
  const ref = refOf(schema);
  const t = resolved.type ?? (resolved.properties || resolved.additionalProperties ? 'object' : undefined);
  // IntOrString and Quantity decode a number as well as a string.
  const lenient = isIntOrString(resolved) || (ref && refName(ref) === QUANTITY);
  const union = scalarUnionTypes(resolved);
  const ok = union ? union.some((u) => hasType(value, u)) : t === undefined || hasType(value, t) || (t === 'string' && lenient && typeof value === 'number');
  return ok ? undefined : `json: cannot unmarshal ${jsonTypeOf(value)} into Go struct field ${struct}.${goPath} of type ${goType(schema, schemas)}`;
}

/** The Go struct a schema's fields belong to, for the messages of the values below it. */
export const structOf = (schema: SchemaObject | undefined, outer: string): string => {
  const ref = refOf(schema);
  return ref ? shortName(refName(ref)) : outer;
};
