import type { RequestContext } from '../rest/context';
import type { ValidateObjectFunc, ValidateObjectUpdateFunc } from '../rest/interfaces';
import { isDryRun } from '../rest/options';
import type { KObject } from '../runtime/object';
import type { RequestScope } from '../endpoints/handlers/request-scope';
import type { Attributes, Operation } from './attributes';
import { isMutationInterface, isValidationInterface, type AdmissionInterface } from './interfaces';

/** What a handler knows of a request before it has an object (admission.NewAttributesRecord's static part). */
export interface AdmissionRequest {
  name: string;
  operation: Operation;
  options?: { dryRun?: string[] } & object;
}

/** The attributes of one admission call: the request's, and the objects of this call. */
export function newAttributes(scope: RequestScope, rctx: RequestContext, req: AdmissionRequest, object: KObject | undefined, oldObject: KObject | undefined): Attributes {
  return {
    name: req.name,
    namespace: rctx.namespace ?? '',
    resource: scope.resource,
    subresource: scope.subresource,
    operation: req.operation,
    options: req.options,
    dryRun: isDryRun(req.options?.dryRun),
    object,
    oldObject,
    kind: scope.kind,
    userInfo: rctx.user,
  };
}

/**
 * Mutating admission of a handler (create.go's Admit call, update.go's and patch.go's admission
 * transformers): returns the object as the mutating plugins left it.
 */
export async function admitObject(scope: RequestScope, rctx: RequestContext, req: AdmissionRequest, obj: KObject, old?: KObject): Promise<KObject> {
  const admit = scope.admission;
  if (!isMutationInterface(admit) || !admit.handles(req.operation)) return obj;
  const attrs = newAttributes(scope, rctx, req, obj, old);
  await admit.admit(rctx, attrs);
  return attrs.object ?? obj;
}

/** rest.AdmissionToValidateObjectFunc: validating admission once the store has defaulted and validated the object. */
export function validateObjectFunc(scope: RequestScope, rctx: RequestContext, req: AdmissionRequest): ValidateObjectFunc | undefined {
  const admit = scope.admission;
  if (!isValidationInterface(admit) || !admit.handles(req.operation)) return undefined;
  return (ctx, obj) => admit.validate(ctx, newAttributes(scope, rctx, req, obj, undefined));
}

/** rest.AdmissionToValidateObjectUpdateFunc. */
export function validateObjectUpdateFunc(scope: RequestScope, rctx: RequestContext, req: AdmissionRequest): ValidateObjectUpdateFunc | undefined {
  const admit = scope.admission;
  if (!isValidationInterface(admit) || !admit.handles(req.operation)) return undefined;
  return (ctx, obj, old) => admit.validate(ctx, newAttributes(scope, rctx, req, obj, old));
}

/**
 * rest.AdmissionToValidateObjectDeleteFunc: a delete has no new object, so mutating and validating
 * plugins both see the stored object as oldObject, just before it is deleted.
 */
export function validateObjectDeleteFunc(scope: RequestScope, rctx: RequestContext, req: AdmissionRequest): ValidateObjectFunc | undefined {
  const admit: AdmissionInterface | undefined = scope.admission;
  if (!admit?.handles('DELETE')) return undefined;
  return async (ctx, old) => {
    const attrs = newAttributes(scope, rctx, req, undefined, old);
    if (isMutationInterface(admit)) await admit.admit(ctx, attrs);
    if (isValidationInterface(admit)) await admit.validate(ctx, attrs);
  };
}

/** ConnectResource: a CONNECT is admitted (mutating, then validating) with its options as the object. */
export async function admitConnect(scope: RequestScope, rctx: RequestContext, name: string, options: KObject): Promise<void> {
  const admit = scope.admission;
  if (!admit?.handles('CONNECT')) return;
  const attrs = newAttributes(scope, rctx, { name, operation: 'CONNECT' }, options, undefined);
  if (isMutationInterface(admit)) await admit.admit(rctx, attrs);
  if (isValidationInterface(admit)) await admit.validate(rctx, attrs);
}

/** UPDATE and PATCH create a missing object when allowed: admission then sees a CREATE (update.go's transformer). */
function updateOperation(old: KObject | undefined): Operation {
  return old?.metadata?.uid ? 'UPDATE' : 'CREATE';
}

/** The admission transformer of an update or patch: mutating admission on the object about to be written. */
export function admitUpdatedObject(
  scope: RequestScope,
  rctx: RequestContext,
  name: string,
  options: AdmissionRequest['options'],
  obj: KObject,
  old: KObject | undefined,
): Promise<KObject> {
  const operation = updateOperation(old);
  return admitObject(scope, rctx, { name, operation, options }, obj, operation === 'UPDATE' ? old : undefined);
}

/** The createValidation and updateValidation an update or patch hands the store. */
export function updateValidations(scope: RequestScope, rctx: RequestContext, name: string, options: AdmissionRequest['options']) {
  return {
    createValidation: validateObjectFunc(scope, rctx, { name, operation: 'CREATE', options }),
    updateValidation: validateObjectUpdateFunc(scope, rctx, { name, operation: 'UPDATE', options }),
  };
}
