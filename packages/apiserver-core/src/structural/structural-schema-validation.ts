import { field, type ErrorList, type Path } from '../validation/field';
import { validateCRDSchemaRules, rootContext } from './crd-schema-rules';
import { pruneUnknownFields } from './pruning';
import { costErrorMessage, StaticEstimatedCRDCostLimit } from './rule-cost';
import { newSchemaValidator } from './schema-validator';
import { validateStructuralInvariants } from './structural-invariants';
import { childSchema, itemsOf, type JSONSchemaProps } from './types';
import { semanticEqual } from '../api/equality/semantic';

/**
 * Everything kube-apiserver requires of a CustomResourceDefinition's `openAPIV3Schema` (call it with
 * `spec.versions[i].schema.openAPIV3Schema` or `spec.validation.openAPIV3Schema`): the apiextensions rules of each node,
 * then — when those hold — the structural invariants, then the defaults (each must validate against its own node and
 * survive pruning unchanged), then the CEL rules, which must compile. Errors are kube's, at kube's paths.
 */
export function validateStructuralSchema(schema: JSONSchemaProps, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  const celErrs: ErrorList = [];
  if (schema.nullable) errs.push(field.forbidden(fldPath.child('nullable'), 'nullable cannot be true at the root'));
  const total = { cost: 0 };
  validateCRDSchemaRules(schema, fldPath, rootContext(total), errs, celErrs);
  if (total.cost > StaticEstimatedCRDCostLimit) {
    celErrs.push(
      field.forbidden(fldPath, costErrorMessage('x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema', total.cost, StaticEstimatedCRDCostLimit)),
    );
  }
  if (errs.length === 0) {
    const structural = validateStructuralInvariants(schema, fldPath);
    errs.push(...structural);
    if (structural.length === 0) validateDefaults(schema, fldPath, errs, true);
  }
  return [...errs, ...celErrs];
}

/** kube's defaulting validation: a default is validated as a value of its own node, and must not contain unknown fields. */
function validateDefaults(s: JSONSchemaProps, p: Path, errs: ErrorList, isRoot: boolean): void {
  if (s.default !== undefined && !isRoot) {
    const pruned = structuredClone(s.default);
    pruneUnknownFields(pruned, s, { isResourceRoot: !!s['x-kubernetes-embedded-resource'] });
    if (!semanticEqual(pruned, s.default)) errs.push(field.invalid(p.child('default'), s.default, 'must not have unknown fields'));
    else errs.push(...newSchemaValidator(s, { isResourceRoot: false }).validate(s.default, p.child('default')));
  }
  for (const k of Object.keys(s.properties ?? {})) validateDefaults(childSchema(s, k)!, p.child('properties').key(k), errs, false);
  if (typeof s.additionalProperties === 'object') validateDefaults(s.additionalProperties, p.child('additionalProperties'), errs, false);
  const items = itemsOf(s);
  if (items) validateDefaults(items, p.child('items'), errs, false);
}
