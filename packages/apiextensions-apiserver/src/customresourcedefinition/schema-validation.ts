import { field, type ErrorList, type Path, type JSONSchemaProps } from '@kapi/apiserver-core';

/** What may sit at the root of a schema whose version has the status subresource. */
const allowedAtRootWithStatus = ['description', 'type', 'required', 'properties', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations'];

/**
 * validateCustomResourceDefinitionValidation, the parts about the root of a version's schema: an
 * object root when status is a subresource, no nullable root.
 */
export function validateCRDSchema(schema: JSONSchemaProps, statusEnabled: boolean, p: Path): ErrorList {
  const errs: ErrorList = [];
  const root = p.child('openAPIV3Schema');
  if (statusEnabled) {
    if (schema.type !== undefined && schema.type !== 'object') {
      errs.push(field.invalid(p.child('openAPIV3Schema.type'), schema.type, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled'));
    }
    const extra = Object.keys(schema).filter((k) => !allowedAtRootWithStatus.includes(k));
    if (extra.length) {
      errs.push(field.invalid(root, schema, `only [${allowedAtRootWithStatus.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`));
    }
  }
  if (schema.nullable) errs.push(field.forbidden(p.child('openAPIV3Schema.nullable'), 'nullable cannot be true at the root'));
  return errs;
}
