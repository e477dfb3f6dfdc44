import { field, validateStructuralSchema, type ErrorList, type JSONSchemaProps, type Path } from '@kapi/apiserver-core';

/** What may sit at the root of a schema whose version has the status subresource. */
const allowedAtRootWithStatus = ['description', 'type', 'required', 'properties', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations'];

/**
 * validateCustomResourceDefinitionValidation of one version's schema: an object root when status
 * is a subresource, then everything the structural schema engine requires.
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
  // The structural schema engine: apiextensions rules per node, structural invariants, defaults, CEL rules compiling.
  errs.push(...validateStructuralSchema(schema, root));
  return errs;
}
