import { kubernetesTypesDefinition, type ResourceSchema, type SchemaObject } from '@kapi/apiserver-core';
import { crdKind } from '../apis/types';

const PKG = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
const JSON_SCHEMA_PROPS = `${PKG}.JSONSchemaProps`;

/**
 * The x-kubernetes-* fields of JSONSchemaProps, which kubernetes-types leaves out (their names are not
 * TypeScript identifiers). Without them fieldValidation=Strict — what `kubectl apply` asks for —
 * refused every real-world CRD.
 */
const extensionFields: Record<string, SchemaObject> = {
  'x-kubernetes-embedded-resource': { type: 'boolean' },
  'x-kubernetes-int-or-string': { type: 'boolean' },
  'x-kubernetes-list-map-keys': { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
  'x-kubernetes-list-type': { type: 'string' },
  'x-kubernetes-map-type': { type: 'string' },
  'x-kubernetes-preserve-unknown-fields': { type: 'boolean' },
  'x-kubernetes-validations': {
    type: 'array',
    items: {
      type: 'object',
      required: ['rule'],
      properties: {
        rule: { type: 'string' },
        message: { type: 'string' },
        messageExpression: { type: 'string' },
        reason: { type: 'string' },
        fieldPath: { type: 'string' },
        optionalOldSelf: { type: 'boolean' },
      },
    },
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': ['rule'],
  },
};

/** apiextensions.k8s.io/v1 CustomResourceDefinition: kubernetes-types' definition, JSONSchemaProps completed. */
export function customResourceDefinitionSchema(): ResourceSchema {
  const base = kubernetesTypesDefinition(JSON_SCHEMA_PROPS) ?? { type: 'object', properties: {} };
  return {
    gvk: crdKind,
    definition: `${PKG}.CustomResourceDefinition`,
    definitions: { [JSON_SCHEMA_PROPS]: { ...base, properties: { ...base.properties, ...extensionFields } } },
  };
}
