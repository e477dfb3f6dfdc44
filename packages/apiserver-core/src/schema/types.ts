import type { GroupVersionKind } from '../runtime/object';

/**
 * One node of a structural schema, in the OpenAPI v3 dialect kube-apiserver publishes
 * (components.schemas of /openapi/v3/…), with the vendor extensions that drive strategic merge
 * patch, server-side apply, pruning and `kubectl explain`.
 *
 * References are written `{ $ref: '#/components/schemas/<definition name>' }` (see `refTo`); a
 * description beside a $ref describes the field, not the referenced type.
 */
export interface SchemaObject {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, SchemaObject>;
  /** Map values (`map[string]T`); `true` keeps anything. */
  additionalProperties?: SchemaObject | boolean;
  items?: SchemaObject;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  $ref?: string;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  /** Go struct tag `patchStrategy`: "merge", "replace", "retainKeys" or "merge,retainKeys". */
  'x-kubernetes-patch-strategy'?: string;
  /** Go struct tag `patchMergeKey`: the field that identifies an element of a merged list. */
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-int-or-string'?: boolean;
  /** Unknown fields below this node are kept (RawExtension, FieldsV1, CRDs that ask for it). */
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-unions'?: unknown[];
}

/** definition name ("io.k8s.api.core.v1.ConfigMap") → schema. */
export type Definitions = Record<string, SchemaObject>;

/**
 * Extensions layered onto existing definitions: definition name → property name → the vendor
 * extensions (or description, enum, default…) to add to that property. The key `''` extends the
 * definition itself. Built-in definitions already carry what Kubernetes publishes; this is for what
 * a group adds on top (say why beside it).
 */
export type DefinitionExtensions = Record<string, Record<string, Partial<SchemaObject>>>;

/**
 * The schema of one kind, declared once beside its resource (`<resource>/schema.ts`) and handed to
 * the server through the group's APIGroupInfo (`schemas`). See schema/README.md.
 */
export interface ResourceSchema {
  /** The kind served; becomes the definition's x-kubernetes-group-version-kind. */
  gvk: GroupVersionKind;
  /** Name of the root definition, e.g. "io.k8s.api.core.v1.ConfigMap". Its list is "<name>List". */
  definition: string;
  /**
   * Definitions the resource brings itself (a plugin's own types). The built-in definitions
   * (io.k8s.api.*, io.k8s.apimachinery.*, … of the Kubernetes release served) come from Kubernetes'
   * own OpenAPI and need not — must not — be written again.
   */
  definitions?: Definitions;
  /** Patch strategies, list types and other extensions for this resource's own definitions. */
  extensions?: DefinitionExtensions;
}

export const COMPONENTS_PREFIX = '#/components/schemas/';

export function refTo(definition: string): SchemaObject {
  return { $ref: COMPONENTS_PREFIX + definition };
}

/** The definition name a $ref (v3 "#/components/schemas/x" or v2 "#/definitions/x") points at. */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/**
 * A value that is an integer or a string: kube's IntOrString (`format: int-or-string`, published as
 * oneOf integer/string) or a CRD field with x-kubernetes-int-or-string.
 */
export function isIntOrString(s: SchemaObject): boolean {
  return s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string';
}

/**
 * The JSON types a scalar with custom JSON (un)marshalling accepts, as kube publishes them without
 * a `type` but with `oneOf` branches (IntOrString: integer or string; Quantity: string or number);
 * undefined for any other schema.
 */
export function scalarUnionTypes(s: SchemaObject): string[] | undefined {
  const branches = s.oneOf ?? s.anyOf;
  if (s.type || !branches?.length) return undefined;
  const types = branches.map((b) => b.type);
  return types.every((t) => t && t !== 'object' && t !== 'array') ? (types as string[]) : undefined;
}
