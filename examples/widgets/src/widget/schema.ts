import { conditionsList, refTo, type ResourceSchema } from '@kapi/apiserver-core';

const widget = 'dev.example.widgets.v1.Widget';

/**
 * Widget's OpenAPI schema. Widget is not a Kubernetes type, so the plugin declares its own
 * definitions and refers to the built-in ObjectMeta/ListMeta ones.
 */
export const widgetSchema: ResourceSchema = {
  gvk: { group: 'widgets.example.dev', version: 'v1', kind: 'Widget' },
  definition: widget,
  definitions: {
    [widget]: {
      type: 'object',
      description: 'Widget is an example resource served by the widgets plugin.',
      properties: {
        apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
        kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
        metadata: { ...refTo('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'), description: "Standard object's metadata." },
        spec: { ...refTo(`${widget}Spec`), description: 'What the widget should look like.' },
        status: { ...refTo(`${widget}Status`), description: 'What the widget controller observed.' },
      },
    },
    [`${widget}Spec`]: {
      type: 'object',
      required: ['color'],
      properties: {
        color: { type: 'string', description: 'A lowercase colour name or #rrggbb. Immutable.' },
        size: { type: 'string', enum: ['small', 'medium', 'large'], default: 'medium', description: 'The size of the widget.' },
        count: { type: 'integer', format: 'int32', default: 1, description: 'How many widgets.' },
      },
    },
    [`${widget}Status`]: {
      type: 'object',
      properties: {
        phase: { type: 'string', enum: ['Pending', 'Ready', 'Failed'], description: 'Pending, Ready or Failed.' },
        observedGeneration: { type: 'integer', format: 'int64', description: 'The generation the controller last acted on.' },
        message: { type: 'string', description: 'A human-readable explanation of the phase.' },
        conditions: {
          type: 'array',
          items: refTo('io.k8s.apimachinery.pkg.apis.meta.v1.Condition'),
          ...conditionsList,
          description: 'Conditions of the widget.',
        },
      },
    },
    [`${widget}List`]: {
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: refTo('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta'),
        items: { type: 'array', items: refTo(widget) },
      },
    },
  },
};
