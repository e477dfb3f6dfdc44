import type { GroupVersionKind } from '../runtime/object';
import { refTo, type ResourceSchema } from '../schema/types';
import { applyDefaults } from './defaulting';
import { pruneUnknownFields } from './pruning';
import { newSchemaValidator, type SchemaValidator, type SchemaValidatorOptions } from './schema-validator';
import { typeShapeOf } from './type-shape';
import type { JSONSchemaProps } from './types';

/**
 * What a strategy needs from a kind's structural schema, built once: `prepare` prunes unknown fields and applies
 * defaults (in prepareForCreate/Update, before validation, as kube-apiserver does on decode), `validate` and
 * `validateUpdate` run the schema's keywords and CEL rules. A plugin kind states its enums, defaults, required fields
 * and rules once, in the schema, and gets the same behaviour — and messages — as a CustomResourceDefinition.
 */
export interface SchemaValidation extends SchemaValidator {
  readonly schema: JSONSchemaProps;
  /** Prunes and defaults `obj` in place; returns the pruned paths (`spec.foo`) for fieldValidation warnings. */
  prepare(obj: unknown): string[];
}

export function schemaValidation(schema: JSONSchemaProps, opts: SchemaValidatorOptions = {}): SchemaValidation {
  const validator = newSchemaValidator(schema, opts);
  return {
    schema,
    prepare(obj) {
      const pruned = pruneUnknownFields(obj, schema, { isResourceRoot: true });
      applyDefaults(obj, schema);
      return pruned;
    },
    validate: (obj, fldPath) => validator.validate(obj, fldPath),
    validateUpdate: (obj, old, fldPath) => validator.validateUpdate(obj, old, fldPath),
  } satisfies SchemaValidation;
}

/**
 * The OpenAPI ResourceSchema (published in /openapi/v2 and v3, used by server-side apply) of a kind declared in
 * structural form: the kind's definition and its List, so the schema is written once.
 */
export function resourceSchemaOf(gvk: GroupVersionKind, definition: string, schema: JSONSchemaProps): ResourceSchema {
  return {
    gvk,
    definition,
    definitions: {
      [definition]: typeShapeOf(schema),
      [`${definition}List`]: {
        type: 'object',
        required: ['items'],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          metadata: refTo('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta'),
          items: { type: 'array', items: refTo(definition) },
        },
      },
    },
  };
}
