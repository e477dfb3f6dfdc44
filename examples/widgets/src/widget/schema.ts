import { resourceSchemaOf, schemaValidation, type JSONSchemaProps, type ResourceSchema } from '@kapi/apiserver-core';

const gvk = { group: 'widgets.example.dev', version: 'v1', kind: 'Widget' };

/**
 * Widget, declared once in the structural-schema form of a CustomResourceDefinition: its enums, defaults, required
 * fields, bounds and the immutable colour (a CEL transition rule) live here and nowhere else. The strategy gets
 * pruning, defaulting and validation from it (`widgetValidation`), the server its OpenAPI (`widgetSchema`).
 */
export const widgetStructuralSchema: JSONSchemaProps = {
  type: 'object',
  description: 'Widget is an example resource served by the widgets plugin.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      description: 'What the widget should look like.',
      // An absent spec is an empty one, so a widget without a colour is told its colour is required.
      default: {},
      required: ['color'],
      properties: {
        color: {
          type: 'string',
          description: 'A lowercase colour name or #rrggbb. Immutable.',
          pattern: '^(#[0-9a-f]{6}|[a-z]+)$',
          'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'field is immutable' }],
        },
        size: { type: 'string', enum: ['small', 'medium', 'large'], default: 'medium', description: 'The size of the widget.' },
        count: { type: 'integer', format: 'int32', minimum: 0, default: 1, description: 'How many widgets.' },
      },
    },
    status: {
      type: 'object',
      description: 'What the widget controller observed.',
      properties: {
        phase: { type: 'string', enum: ['Pending', 'Ready', 'Failed'], description: 'Pending, Ready or Failed.' },
        observedGeneration: { type: 'integer', format: 'int64', description: 'The generation the controller last acted on.' },
        message: { type: 'string', description: 'A human-readable explanation of the phase.' },
        conditions: {
          type: 'array',
          description: 'Conditions of the widget.',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['type'],
          items: {
            type: 'object',
            required: ['type', 'status'],
            properties: {
              type: { type: 'string' },
              status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
              observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
              lastTransitionTime: { type: 'string', format: 'date-time' },
              reason: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

/** Pruning, defaulting and validation of widgets, compiled once from the schema. */
export const widgetValidation = schemaValidation(widgetStructuralSchema);

/** Widget's OpenAPI (kubectl explain, client-side validation, server-side apply), derived from the same schema. */
export const widgetSchema: ResourceSchema = resourceSchemaOf(gvk, 'dev.example.widgets.v1.Widget', widgetStructuralSchema);
