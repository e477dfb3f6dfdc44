import type { SchemaRegistry } from '../schema/schema-registry';
import { refName, type SchemaObject } from '../schema/types';

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

const refOf = (s: SchemaObject | undefined): string | undefined => s?.$ref ?? (s?.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
const shortName = (definition: string) => definition.slice(definition.lastIndexOf('.') + 1);

function jsonTypeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/**
 * The first value of `obj` whose JSON type its schema does not allow, as the message Go's decoder
 * gives kube-apiserver (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas
 * of type int32`): the innermost struct, the field path without list indices or map keys, the Go type.
 * Integer widths are not known from kubernetes-types; they are reported as int32, the common case.
 * null is accepted everywhere (it decodes to the zero value).
 */
export function findTypeError(obj: unknown, rootDefinition: string, schemas: SchemaRegistry): string | undefined {
  const goType = (s: SchemaObject | undefined): string => {
    const ref = refOf(s);
    if (ref) {
      const name = refName(ref);
      const def = schemas.definition(name);
      const pkg = name.split('.').slice(-2, -1)[0];
      return def?.type === 'string' && !name.endsWith('.Time') && !name.endsWith('.MicroTime') && name !== QUANTITY && !def['x-kubernetes-int-or-string']
        ? 'string'
        : `${pkg}.${shortName(name)}`;
    }
    switch (s?.type) {
      case 'string': return 'string';
      case 'integer': return 'int32';
      case 'number': return 'float64';
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
    if (!s || s['x-kubernetes-preserve-unknown-fields']) return undefined;
    const t = s.type ?? (s.properties || s.additionalProperties ? 'object' : undefined);
    const lenient = s['x-kubernetes-int-or-string'] || (ref && refName(ref) === QUANTITY);
    const ok =
      t === undefined ||
      (t === 'string' && (typeof value === 'string' || (lenient && typeof value === 'number'))) ||
      ((t === 'integer' || t === 'number') && typeof value === 'number') ||
      (t === 'boolean' && typeof value === 'boolean') ||
      (t === 'array' && Array.isArray(value)) ||
      (t === 'object' && typeof value === 'object' && !Array.isArray(value));
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
