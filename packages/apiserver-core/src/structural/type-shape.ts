import { refTo, type SchemaObject } from '../schema/types';
import { itemsOf, type JSONSchemaProps } from './types';

const objectMeta = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const objectMetaDescription = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/** metav1.TypeMeta's fields as kube's CRD OpenAPI builder publishes them (addTypeMetaProperties): `kubectl explain` shows these. */
const typeMeta: Record<'apiVersion' | 'kind', SchemaObject> = {
  apiVersion: {
    type: 'string',
    description:
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  },
  kind: {
    type: 'string',
    description:
      'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  },
};

/**
 * A structural schema in the form kapi's field manager reads (schema.SchemaObject, see fieldmanager/type-shape.ts), so
 * server-side apply merges a custom resource by its `x-kubernetes-list-type` (atomic, set, map with
 * `x-kubernetes-list-map-keys`) and `x-kubernetes-map-type` (granular, atomic). `metadata` of the resource and of
 * embedded resources is the real ObjectMeta, so labels and annotations are owned key by key as on built-in kinds.
 */
export function typeShapeOf(schema: JSONSchemaProps, isResourceRoot = true): SchemaObject {
  const out = convert(schema);
  if (isResourceRoot) {
    withTypeMeta(out);
    // The resource's own metadata is described as kube's CRD builder describes it (embedded resources' is not).
    out.properties!.metadata = { ...out.properties!.metadata, description: objectMetaDescription };
  }
  return out;
}

function convert(s: JSONSchemaProps): SchemaObject {
  const out: SchemaObject = {};
  if (s.type) out.type = s.type as SchemaObject['type'];
  if (s.format) out.format = s.format;
  if (s.description) out.description = s.description;
  if (s.required) out.required = [...s.required];
  if (s.default !== undefined) out.default = s.default;
  if (s.enum) out.enum = s.enum;
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, convert(v)]));
  if (typeof s.additionalProperties === 'object') out.additionalProperties = convert(s.additionalProperties);
  else if (s.additionalProperties !== undefined) out.additionalProperties = s.additionalProperties;
  const items = itemsOf(s);
  if (items) out.items = convert(items);
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'atomic' || listType === 'set' || listType === 'map') out['x-kubernetes-list-type'] = listType;
  if (s['x-kubernetes-list-map-keys']) out['x-kubernetes-list-map-keys'] = [...s['x-kubernetes-list-map-keys']];
  const mapType = s['x-kubernetes-map-type'];
  if (mapType === 'atomic' || mapType === 'granular') out['x-kubernetes-map-type'] = mapType;
  if (s['x-kubernetes-int-or-string']) out['x-kubernetes-int-or-string'] = true;
  if (s['x-kubernetes-preserve-unknown-fields']) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (s['x-kubernetes-embedded-resource']) {
    out['x-kubernetes-embedded-resource'] = true;
    withTypeMeta(out);
  }
  return out;
}

function withTypeMeta(out: SchemaObject): void {
  out.type ??= 'object';
  out.properties = { ...out.properties, apiVersion: { ...typeMeta.apiVersion }, kind: { ...typeMeta.kind }, metadata: refTo(objectMeta) };
}
