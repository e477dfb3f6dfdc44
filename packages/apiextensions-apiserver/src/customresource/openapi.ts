import { refTo, type ResourceSchema, type SchemaObject } from '@kapi/apiserver-core';
import type { CustomResourceDefinition, CustomResourceDefinitionVersion } from '../apis/types';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** builder.BuildOpenAPIV3's definition name of a CR: the group reversed, the version, the kind (com.example.stable.v1.CronTab). */
export function customResourceDefinitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

/**
 * The schema a served version publishes (OpenAPI, `kubectl explain`) and the handlers prune and
 * validate fields with: the CRD's openAPIV3Schema with apiVersion, kind and metadata as every kind has them.
 */
export function customResourceSchema(crd: CustomResourceDefinition, v: CustomResourceDefinitionVersion): ResourceSchema {
  const { group, names } = crd.spec;
  const definition = customResourceDefinitionName(group, v.name, names.kind);
  const schema: SchemaObject = structuredClone(v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  schema.type ??= 'object';
  schema.properties = {
    apiVersion: {
      type: 'string',
      description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
    },
    kind: {
      type: 'string',
      description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
    },
    ...schema.properties,
    metadata: { ...refTo(OBJECT_META), description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata" },
  };
  return { gvk: { group, version: v.name, kind: names.kind }, definition, definitions: { [definition]: schema } };
}
