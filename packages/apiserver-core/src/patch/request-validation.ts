import type { RequestContext } from '../rest/context';
import { addWarning } from '../rest/context';
import type { RequestScope } from '../endpoints/handlers/request-scope';
import { findDuplicateFields } from './duplicate-fields';
import { applyFieldValidation, fieldValidationOf, type FieldValidationDirective } from './field-validation';
import { newBadRequest } from '../api/errors';
import { decodeAsGo } from './go-decoding';

/**
 * The handlers' hook for create, update and patch: the object about to be stored is checked against
 * its kind's schema under the request's fieldValidation directive, and pruned of unknown fields.
 * Values of the wrong type are refused (400) under every directive. Kinds without a schema pass
 * untouched. `raw` (the JSON body of a create or update) lets duplicate fields be reported; without
 * it the object is a patch result.
 */
export function validateRequestObject(query: Record<string, unknown>, rctx: RequestContext, scope: RequestScope, obj: unknown, raw?: Buffer | string): void {
  const directive = fieldValidationOf(query);
  if (scope.structural) return validateStructuralRequestObject(directive, rctx, scope, scope.structural, obj, raw);
  const definition = scope.schemas?.forKind(scope.kind)?.definition;
  if (!scope.schemas || !definition || !scope.schemas.definition(definition)) return;
  const duplicates = raw !== undefined && directive !== 'Ignore' ? findDuplicateFields(raw.toString()) : [];
  const { kind, version } = scope.kind;
  const prefix = raw !== undefined ? `${kind} in version "${version}" cannot be handled as a ${kind}: ` : '';
  const decoded = decodeAsGo(obj, definition, scope.schemas);
  // A value of the wrong JSON type fails decoding whatever the directive, as in kube-apiserver.
  if (decoded.typeError) throw newBadRequest(prefix + decoded.typeError);
  for (const w of applyFieldValidation(decoded.unknown, directive, duplicates, prefix, raw === undefined).warnings) addWarning(rctx, w);
}

/**
 * A kind with a structural schema (a custom resource's version): the schema engine prunes unknown
 * fields and applies defaults, as kube's decoder does for custom resources; values of the wrong type
 * are left to the strategy's schema validation (a 422 per field, not a decoding error).
 */
function validateStructuralRequestObject(
  directive: FieldValidationDirective,
  rctx: RequestContext,
  scope: RequestScope,
  structural: NonNullable<RequestScope['structural']>,
  obj: unknown,
  raw?: Buffer | string,
): void {
  const duplicates = raw !== undefined && directive !== 'Ignore' ? findDuplicateFields(raw.toString()) : [];
  const { kind, version } = scope.kind;
  const prefix = raw !== undefined ? `${kind} in version "${version}" cannot be handled as a ${kind}: ` : '';
  const unknown = structural.prepare(obj);
  for (const w of applyFieldValidation(unknown, directive, duplicates, prefix, raw === undefined).warnings) addWarning(rctx, w);
}
