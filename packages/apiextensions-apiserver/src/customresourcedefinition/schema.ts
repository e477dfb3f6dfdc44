import type { ResourceSchema } from '@kapi/apiserver-core';
import { crdKind } from '../apis/types';

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition: the release's own definition (JSONSchemaProps with
 * its x-kubernetes-* fields, which fieldValidation=Strict — what `kubectl apply` asks for — needs to
 * accept real-world CRDs).
 */
export function customResourceDefinitionSchema(): ResourceSchema {
  return { gvk: crdKind, definition: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition' };
}
