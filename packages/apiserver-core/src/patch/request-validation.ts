import type { RequestContext } from '../rest/context';
import { addWarning } from '../rest/context';
import type { RequestScope } from '../endpoints/handlers/request-scope';
import { findDuplicateFields } from './duplicate-fields';
import { fieldValidationOf, validateAndPrune } from './field-validation';

/**
 * The handlers' hook for create, update and patch: the object about to be stored is checked against
 * its kind's schema under the request's fieldValidation directive, and pruned of unknown fields.
 * Kinds without a schema pass untouched. `raw` (the JSON body) lets duplicate fields be reported.
 */
export function validateRequestObject(query: Record<string, unknown>, rctx: RequestContext, scope: RequestScope, obj: unknown, raw?: Buffer | string): void {
  const directive = fieldValidationOf(query);
  const root = scope.schemas?.schemaOfKind(scope.kind);
  if (!scope.schemas || !root) return;
  const duplicates = raw !== undefined && directive !== 'Ignore' ? findDuplicateFields(raw.toString()) : [];
  const { kind, version } = scope.kind;
  const prefix = raw !== undefined ? `${kind} in version "${version}" cannot be handled as a ${kind}: ` : '';
  for (const w of validateAndPrune(scope.schemas, root, obj, directive, duplicates, prefix).warnings) addWarning(rctx, w);
}
