import type { SchemaRegistry } from '../schema/schema-registry';
import { isIntOrString, scalarUnionTypes, type SchemaObject } from '../schema/types';
import { canonicalJSON, type PathElement } from './field-set';

/**
 * What structured merge needs to know of one schema node (structured-merge-diff's schema.Atom):
 * a struct (declared fields), a map (map[string]T), a list with its list type, or a scalar.
 * A node without a schema is "deduced" from the value, as for schemaless custom resources:
 * objects are granular maps, lists are atomic.
 */
export type Shape =
  | { kind: 'struct'; atomic: boolean; schema: SchemaObject; required: Set<string> }
  | { kind: 'map'; atomic: boolean; schema: SchemaObject }
  | { kind: 'list'; listType: 'atomic' | 'set' | 'map'; keys: string[]; items?: SchemaObject }
  | { kind: 'scalar' }
  | { kind: 'deduced' };

export class TypeShapes {
  constructor(private readonly schemas: SchemaRegistry) {}

  /** The shape of a schema node; extensions beside a $ref (on the property) win over the referenced definition's. */
  shape(node: SchemaObject | undefined): Shape {
    const s = this.schemas.resolve(node);
    if (!node || !s) return { kind: 'deduced' };
    const ext = <K extends keyof SchemaObject>(k: K): SchemaObject[K] => node[k] ?? s[k];
    // IntOrString and Quantity: scalars whichever JSON type they arrive as.
    if (isIntOrString(s) || scalarUnionTypes(s)) return { kind: 'scalar' };
    if (s.type === 'array' || s.items) {
      let listType = ext('x-kubernetes-list-type');
      let keys = ext('x-kubernetes-list-map-keys') ?? [];
      // Without a list type, a merge patch strategy means map (by the merge key) or set (scalars), as kube-apiserver reads it.
      if (!listType && (ext('x-kubernetes-patch-strategy') ?? '').split(',').includes('merge')) {
        const key = ext('x-kubernetes-patch-merge-key');
        listType = key ? 'map' : 'set';
        keys = key ? [key] : [];
      }
      return { kind: 'list', listType: listType ?? 'atomic', keys, items: s.items };
    }
    const atomic = ext('x-kubernetes-map-type') === 'atomic';
    if (s.properties && Object.keys(s.properties).length > 0) return { kind: 'struct', atomic, schema: s, required: new Set(s.required ?? []) };
    if (typeof s.additionalProperties === 'object') return { kind: 'map', atomic, schema: s };
    if (s.type === 'object')
      return s['x-kubernetes-preserve-unknown-fields'] || s.additionalProperties === true || !s.additionalProperties ? { kind: 'deduced' } : { kind: 'map', atomic, schema: s };
    if (s.type) return { kind: 'scalar' };
    return { kind: 'deduced' };
  }

  /** The schema of a struct field or map value; `named` tells a declared field from a map key. */
  field(shape: Shape, key: string): { schema?: SchemaObject; named: boolean } {
    if (shape.kind !== 'struct' && shape.kind !== 'map') return { named: false };
    const declared = shape.schema.properties?.[key];
    if (declared) return { schema: declared, named: true };
    const ap = shape.schema.additionalProperties;
    return { schema: typeof ap === 'object' ? ap : undefined, named: false };
  }

  /** A key field of an associative list may be omitted when it has a default (ports' protocol is TCP). */
  keyDefault(shape: Extract<Shape, { kind: 'list' }>, key: string): unknown {
    const item = this.schemas.resolve(shape.items);
    const d = this.schemas.resolve(item?.properties?.[key])?.default ?? item?.properties?.[key]?.default;
    if (d !== undefined) return d;
    return key === 'protocol' ? 'TCP' : undefined;
  }
}

/** The path element naming a list item: `k:{…}` by its key fields, `v:…` by value, `i:n` by position. */
export function listItemElement(shapes: TypeShapes, shape: Extract<Shape, { kind: 'list' }>, item: unknown, index: number): PathElement {
  if (shape.listType === 'set') return `v:${canonicalJSON(item)}`;
  if (shape.listType === 'map' && shape.keys.length && item && typeof item === 'object' && !Array.isArray(item)) {
    const key: Record<string, unknown> = {};
    for (const k of shape.keys) {
      const v = (item as Record<string, unknown>)[k] ?? shapes.keyDefault(shape, k);
      if (v !== undefined) key[k] = v;
    }
    return `k:${canonicalJSON(key)}`;
  }
  return `i:${index}`;
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
