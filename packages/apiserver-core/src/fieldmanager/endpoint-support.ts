import { newInvalid, StatusError } from '../api/errors';
import type { RequestScope } from '../endpoints/handlers/request-scope';
import type { RequestContext } from '../rest/context';
import type { KObject } from '../runtime/object';
import { field, Path, type FieldError } from '../validation/field';
import { FieldManager } from './field-manager';
import { fieldManagerMaxLength, managerOrUserAgent } from './managed-fields';

export const APPLY_PATCH = 'application/apply-patch+yaml';

type Query = Record<string, string | string[] | undefined>;

const fieldManagers = new WeakMap<RequestScope, FieldManager | null>();

/**
 * The endpoint's field manager: every kind with a schema has one, on the resource and on its
 * status (a subresource serving another kind, such as scale, keeps no managed fields).
 */
export function fieldManagerFor(scope: RequestScope): FieldManager | undefined {
  let fm = fieldManagers.get(scope);
  if (fm === undefined) {
    const root = scope.schemas?.schemaOfKind(scope.kind);
    fm = root && (scope.subresource === '' || scope.subresource === 'status') ? new FieldManager(scope.schemas!, scope.kind, root, scope.subresource) : null;
    fieldManagers.set(scope, fm);
  }
  return fm ?? undefined;
}

function queryString(query: Query, name: string): string | undefined {
  const v = query[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined;
}

/**
 * Records a create, update or non-apply patch in metadata.managedFields, under the fieldManager
 * parameter or the client's User-Agent.
 */
export function trackUpdate(scope: RequestScope, rctx: RequestContext, query: Query, live: KObject | undefined, obj: KObject): KObject {
  const fm = fieldManagerFor(scope);
  if (!fm) return obj;
  return fm.update(live, obj, managerOrUserAgent(queryString(query, 'fieldManager'), rctx.userAgent));
}

/** Server-side apply of a decoded configuration onto the live object (undefined: create it). */
export function applyConfiguration(scope: RequestScope, query: Query, live: KObject | undefined, config: unknown): KObject {
  const fm = fieldManagerFor(scope);
  if (!fm) {
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json',
    );
  }
  return fm.apply(live, config, queryString(query, 'fieldManager') ?? '', queryString(query, 'force') === 'true');
}

/** ValidatePatchOptions: apply needs a fieldManager, force belongs to apply alone, a manager name is printable and short. */
export function validatePatchOptions(contentType: string, query: Query): void {
  const errs: FieldError[] = [];
  const manager = queryString(query, 'fieldManager') ?? '';
  if (contentType !== APPLY_PATCH) {
    if (queryString(query, 'force') !== undefined) errs.push(field.forbidden(Path.root('force'), 'may not be specified for non-apply patch'));
  } else if (manager === '') {
    errs.push(field.required(Path.root('fieldManager'), 'is required for apply patch'));
  }
  errs.push(...validateFieldManager(manager));
  if (errs.length) throw newInvalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', errs);
}

/** ValidateFieldManager for create and update options too. */
export function validateFieldManager(manager: string): FieldError[] {
  const errs: FieldError[] = [];
  const path = Path.root('fieldManager');
  if (manager.length > fieldManagerMaxLength) errs.push(field.tooLong(path, manager, fieldManagerMaxLength));
  [...manager].forEach((c, i) => {
    if (c < ' ' || c === '\u007f')
      errs.push(field.invalid(path, manager, `invalid character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (at position ${i})`));
  });
  return errs;
}
