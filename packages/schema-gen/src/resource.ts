import ts from 'typescript';
import { Path, validateStructuralSchema, type JSONSchemaProps, type PrinterColumn } from '@kapi/apiserver-core';
import { hasMarker, markerValues, type Marker } from './markers';
import type { SchemaBuilder } from './schema-from-type';

/** What the `+resource` interface declares: the ResourceDefinition's data, nothing the server derives. */
export interface GeneratedResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular?: string;
  scope: 'Namespaced' | 'Cluster';
  shortNames?: string[];
  categories?: string[];
  status?: true;
  printerColumns: PrinterColumn[];
  structuralSchema: JSONSchemaProps;
}

const rootMarkers = new Set(['resource', 'shortName', 'subresource:status', 'printcolumn']);

/** The fields every kind has; their published descriptions are TypeMeta's and ObjectMeta (structural/type-shape.ts). */
const typeMetaSchema: Record<string, JSONSchemaProps> = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: { type: 'object' },
};

/**
 * A kind from the interface marked `+resource:group=…,version=…`: the root schema (apiVersion, kind and
 * metadata as a CRD has them, then the interface's own fields), names, scope, subresources and columns.
 */
export function resourceFromInterface(decl: ts.InterfaceDeclaration, builder: SchemaBuilder, checker: ts.TypeChecker): GeneratedResource {
  const kind = decl.name.text;
  const { description, markers } = builder.docOf(decl);
  for (const m of markers) if (!rootMarkers.has(m.name)) builder.errors.push(`${kind}: unknown marker +${m.name} on a +resource interface`);
  const res = markers.find((m) => m.name === 'resource')?.args ?? {};
  if (!res.group || !res.version) builder.errors.push(`${kind}: +resource needs group=… and version=…`);
  const scope = res.scope ?? 'Namespaced';
  if (scope !== 'Namespaced' && scope !== 'Cluster') builder.errors.push(`${kind}: +resource scope must be Namespaced or Cluster, not ${scope}`);

  const own = builder.objectSchema(checker.getTypeAtLocation(decl), kind, new Set(Object.keys(typeMetaSchema)));
  const structuralSchema: JSONSchemaProps = { type: 'object', ...(description ? { description } : {}), properties: { ...typeMetaSchema, ...own.properties } };
  if (own.required) structuralSchema.required = own.required;
  // kube-apiserver's checks of a CRD's schema (defaults valid, structural), once the types themselves are sound.
  if (!builder.errors.length) for (const e of validateStructuralSchema(structuralSchema, Path.root('openAPIV3Schema'))) builder.errors.push(`${kind}: ${e.toString()}`);

  const shortNames = markerValues(markers, 'shortName').flatMap((v) => v.split(';'));
  const categories = res.categories?.split(';').filter(Boolean);
  return {
    group: res.group ?? '',
    version: res.version ?? '',
    kind,
    plural: res.path ?? guessPlural(kind),
    ...(res.singular ? { singular: res.singular } : {}),
    scope: scope as GeneratedResource['scope'],
    ...(shortNames.length ? { shortNames } : {}),
    ...(categories?.length ? { categories } : {}),
    ...(hasMarker(markers, 'subresource:status') ? { status: true as const } : {}),
    printerColumns: printerColumnsOf(markers, structuralSchema, kind, builder.errors),
    structuralSchema,
  };
}

/** `+printcolumn:name=…,type=…,JSONPath=…`; without a description the column takes the field's (one place to write it). */
function printerColumnsOf(markers: Marker[], schema: JSONSchemaProps, kind: string, errors: string[]): PrinterColumn[] {
  return markers
    .filter((m) => m.name === 'printcolumn')
    .map((m) => {
      const a = m.args ?? {};
      if (!a.name || !a.JSONPath) errors.push(`${kind}: +printcolumn needs name=… and JSONPath=…`);
      const description = a.description ?? fieldAt(schema, a.JSONPath ?? '')?.description;
      return {
        name: a.name ?? '',
        type: a.type ?? 'string',
        ...(a.format ? { format: a.format } : {}),
        ...(description ? { description } : {}),
        ...(a.priority ? { priority: Number(a.priority) } : {}),
        jsonPath: a.JSONPath ?? '',
      };
    });
}

function fieldAt(schema: JSONSchemaProps, jsonPath: string): JSONSchemaProps | undefined {
  let s: JSONSchemaProps | undefined = schema;
  for (const key of jsonPath.split('.').filter(Boolean)) s = s?.properties?.[key];
  return s;
}

/** meta.UnsafeGuessKindToResource, as kube names a resource it was not told the plural of. */
export function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('s') || k.endsWith('x') || k.endsWith('z') || k.endsWith('ch') || k.endsWith('sh')) return `${k}es`;
  if (k.endsWith('y') && !/[aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}
