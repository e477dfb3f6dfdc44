import { resourceSchemaOf, type ResourceSchema } from '@kapi/apiserver-core';
import type { CustomResourceDefinition, CustomResourceDefinitionVersion } from '../apis/types';

/** builder.BuildOpenAPIV3's definition name of a CR: the group reversed, the version, the kind (com.example.stable.v1.CronTab). */
export function customResourceDefinitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

/**
 * The schema a served version publishes (OpenAPI, `kubectl explain`) and server-side apply merges
 * with (list and map types): the structural schema's type shape, with apiVersion, kind and metadata.
 */
export function customResourceSchema(crd: CustomResourceDefinition, v: CustomResourceDefinitionVersion): ResourceSchema {
  const { group, names } = crd.spec;
  const schema = v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  return resourceSchemaOf({ group, version: v.name, kind: names.kind }, customResourceDefinitionName(group, v.name, names.kind), schema);
}
