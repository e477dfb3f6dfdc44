import { isStatusError, newForbidden, newNotFound, type StatusError } from '../api/errors';
import { groupResourceOf, nameOf, type Attributes } from './attributes';

/**
 * admission.NewForbidden: `<resource> "<name>" is forbidden: <reason>`, 403. A Forbidden from
 * further down is passed on as it is, not wrapped twice.
 */
export function newAdmissionForbidden(a: Attributes, reason: string | Error): StatusError {
  if (isStatusError(reason) && reason.code === 403) return reason;
  return newForbidden(groupResourceOf(a), nameOf(a), typeof reason === 'string' ? reason : reason.message);
}

/** admission.NewNotFound: the object the request names does not exist. */
export function newAdmissionNotFound(a: Attributes): StatusError {
  return newNotFound(groupResourceOf(a), nameOf(a));
}
