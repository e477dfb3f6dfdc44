import { QUANTITY } from '../schema/builtin-definitions';
import type { SchemaRegistry } from '../schema/schema-registry';
import { isIntOrString, refName, scalarUnionTypes, type SchemaObject } from '../schema/types';

const refOf = (s: SchemaObject | undefined): string | undefined => s?.$ref ?? (s?.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
const shortName = (definition: string) => definition.slice(definition.lastIndexOf('.') + 1);

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
    case 'string': return typeof value === 'string';
    case 'integer':
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    default: return typeof value === 'object' && !Array.isArray(value);
  }
}

/**
 * A struct without declared fields is a Go type that decodes its JSON itself and takes any value
 * (runtime.RawExtension, metav1.FieldsV1).
 */
const takesAnyJSON = (s: SchemaObject): boolean => s.type === 'object' && !s.properties && s.additionalProperties === undefined;

/**
 * The first value of `obj` whose JSON type its schema does not allow, as the message Go's decoder
 * gives kube-apiserver (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas
 * of type int32`): the innermost struct, the field path without list indices or map keys, the Go type.
 * Integer widths come from the OpenAPI format. null is accepted everywhere (it decodes to the zero value).
 */
export function findTypeError(obj: unknown, rootDefinition: string, schemas: SchemaRegistry): string | undefined {
  const goType = (s: SchemaObject | undefined): string => {
    const ref = refOf(s);
    if (ref) {
      const name = refName(ref);
      const def = schemas.definition(name);
      const pkg = name.split('.').slice(-2, -1)[0];
      return def?.type === 'string' && !def.format
        ? 'string'
        : `${pkg}.${shortName(name)}`;
    }
    switch (s?.type) {
      case 'string': return 'string';
      case 'integer':
      case 'number': return goNumberType(s);
      case 'boolean': return 'bool';
      case 'array': return `[]${goType(s.items)}`;
      default:
        return typeof s?.additionalProperties === 'object' ? `map[string]${goType(s.additionalProperties)}` : 'map[string]interface {}';
    }
  };
  const walk = (value: unknown, schema: SchemaObject | undefined, goPath: string, struct: string): string | undefined => {
    if (value === null || value === undefined || !schema) return undefined;
    const ref = refOf(schema);
    const s = schemas.resolve(schema);
    if (!s || s['x-kubernetes-preserve-unknown-fields'] || takesAnyJSON(s)) return undefined;
    const t = s.type ?? (s.properties || s.additionalProperties ? 'object' : undefined);
    // IntOrString and Quantity decode a number as well as a string.
    const lenient = isIntOrString(s) || (ref && refName(ref) === QUANTITY);
    const union = scalarUnionTypes(s);
    const ok = union
      ? union.some((u) => hasType(value, u))
      : t === undefined || hasType(value, t) || (t === 'string' && lenient && typeof value === 'number');
    if (!ok) return `json: cannot unmarshal ${jsonTypeOf(value)} into Go struct field ${struct}.${goPath} of type ${goType(schema)}`;
    const inner = ref ? shortName(refName(ref)) : struct;
    if (Array.isArray(value)) {
      for (const e of value) {
        const err = walk(e, s.items, goPath, refOf(s.items) ? shortName(refName(refOf(s.items)!)) : inner);
        if (err) return err;
      }
      return undefined;
    }
    if (typeof value !== 'object') return undefined;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const prop = s.properties?.[key];
      const values = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
      const err = prop
        ? walk(child, prop, goPath ? `${goPath}.${key}` : key, inner)
        : values
          ? walk(child, values, goPath, inner)
          : undefined;
      if (err) return err;
    }
    return undefined;
  };
  const root = schemas.definition(rootDefinition);
  return root ? walk(obj, { $ref: `#/components/schemas/${rootDefinition}` }, '', shortName(rootDefinition)) : undefined;
}
