import { newBadRequest, newInternalError, StatusError } from '../../../api/errors';

/** webhookutil.ErrCallingWebhook: the webhook could not be called or answered nonsense; its failurePolicy decides. */
export class ErrCallingWebhook extends Error {
  constructor(
    readonly webhookName: string,
    reason: string,
  ) {
    super(`failed calling webhook "${webhookName}": ${reason}`);
  }
}

/** webhookerrors.ToStatusErr: a webhook's refusal as the request's Status (403 unless the webhook set a code). */
export function toStatusErr(webhookName: string, result: { code?: number; reason?: string; message?: string } | undefined): StatusError {
  const deniedBy = `admission webhook "${webhookName}" denied the request`;
  const message = result?.message ? `${deniedBy}: ${result.message}` : result?.reason ? `${deniedBy}: ${result.reason}` : `${deniedBy} without explanation`;
  return new StatusError(result?.code || 403, (result?.reason ?? '') as StatusError['reason'], message);
}

/** webhookerrors.NewDryRunUnsupportedErr: a dry-run request never reaches a webhook that may have side effects. */
export function newDryRunUnsupported(webhookName: string): StatusError {
  return newBadRequest(`admission webhook "${webhookName}" does not support dry run`);
}

/** With failurePolicy Fail, a failed call is the request's 500, as kube's dispatchers answer. */
export function failedCall(err: ErrCallingWebhook): StatusError {
  return newInternalError(err);
}
