import type { GroupResource } from '../../runtime/object';
import { groupResourceString } from '../../runtime/object';
import type { FieldError } from '../../validation/field';
import type { Status, StatusCause, StatusDetails, StatusReason } from './status';

/**
 * The one error type of kapi: it carries the Status a client receives.
 * Named constructors mirror k8s.io/apimachinery/pkg/api/errors so messages read the same as kube-apiserver's.
 */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'StatusError';
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      // Reason is omitempty in kube: an unknown reason (a raw storage error's 500) sends none.
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: withoutEmptyFields(this.details) } : {}),
      code: this.code,
    };
  }
}

/**
 * Every field of metav1.StatusDetails is `omitempty`: kube-apiserver sends no `"group": ""` for the
 * core group and no `"name": ""` for a collection, and clients that compare or print the raw body
 * (the Python client's ApiException.body) see exactly that.
 */
function withoutEmptyFields(details: StatusDetails): StatusDetails {
  const kept = Object.entries(details).filter(([, v]) => v !== undefined && v !== '' && v !== 0 && !(Array.isArray(v) && v.length === 0));
  return Object.fromEntries(kept) as StatusDetails;
}

export function isStatusError(err: unknown): err is StatusError {
  return err instanceof StatusError;
}

export function reasonOf(err: unknown): StatusReason | undefined {
  return isStatusError(err) ? err.reason : undefined;
}

function qualifiedDetails(gr: GroupResource, name: string): StatusDetails {
  return { name, group: gr.group, kind: gr.resource };
}

export function newNotFound(gr: GroupResource, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${groupResourceString(gr)} "${name}" not found`, qualifiedDetails(gr, name));
}

export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${groupResourceString(gr)} "${name}" already exists`, qualifiedDetails(gr, name));
}

export function newConflict(gr: GroupResource, name: string, cause: string): StatusError {
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} "${name}": ${cause}`, qualifiedDetails(gr, name));
}

/** 422: one cause per field path, as field.ErrorList.ToAggregate renders them. */
export function newInvalid(qualifiedKind: { group: string; kind: string }, name: string, errs: FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: e.errorBody(), field: e.field }));
  const kind = qualifiedKind.group === '' ? qualifiedKind.kind : `${qualifiedKind.kind}.${qualifiedKind.group}`;
  const summary = errs.map((e) => e.toString());
  const message = summary.length === 1 ? `${kind} "${name}" is invalid: ${summary[0]}` : `${kind} "${name}" is invalid: [${summary.join(', ')}]`;
  return new StatusError(422, 'Invalid', message, { name, group: qualifiedKind.group, kind: qualifiedKind.kind, causes });
}

export function newBadRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${groupResourceString(gr)}"`, {
    group: gr.group,
    kind: gr.resource,
  });
}

export function newGone(message: string): StatusError {
  return new StatusError(410, 'Gone', message);
}

/** 410 Expired: a watch or list asked for a revision that was compacted away. */
export function newResourceExpired(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

export function newNotAcceptable(message: string): StatusError {
  return new StatusError(406, 'NotAcceptable', message);
}

/**
 * NewUnsupportedMediaTypeError with the serializer's media types, as kube-apiserver 1.32.4 words it
 * for built-in and custom resources alike (protobuf is listed though custom resources cannot be
 * written in it). The refused type is not named, as in kube.
 */
export function newUnsupportedMediaType(_contentType: string): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
  );
}

export function newRequestEntityTooLarge(message: string): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

export function newTooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return new StatusError(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function newTimeoutError(message: string, retryAfterSeconds = 0): StatusError {
  return new StatusError(504, 'Timeout', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
}

export function newServerTimeout(gr: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
  return new StatusError(500, 'ServerTimeout', `The ${operation} operation against ${groupResourceString(gr)} could not be completed at this time, please try again.`, {
    group: gr.group,
    kind: gr.resource,
    retryAfterSeconds,
  });
}

export function newForbidden(gr: GroupResource, name: string, reason: string): StatusError {
  const subject = name ? `${groupResourceString(gr)} "${name}"` : groupResourceString(gr);
  return new StatusError(403, 'Forbidden', `${subject} is forbidden: ${reason}`, qualifiedDetails(gr, name));
}

export function newServiceUnavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

export function newInternalError(err: unknown): StatusError {
  const message = err instanceof Error ? err.message : String(err);
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** Whatever was thrown, the Status a client should see (never a stack trace). */
export function toStatusError(err: unknown): StatusError {
  if (isStatusError(err)) return err;
  // Only a request nested deeper than our recursive merges can walk overflows the stack (kube's
  // decoders refuse past 10000 levels); that is the client's error, not a 500.
  if (isStackOverflow(err)) return newBadRequest('the request is nested too deeply to be processed');
  return newInternalError(err);
}

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && err.message.includes('Maximum call stack size exceeded');
}
