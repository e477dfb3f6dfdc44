import type { Operation as JSONPatchOperation } from 'fast-json-patch';
import { isStatusError, newInternalError, type StatusError } from '../../../api/errors';
import { applyJSONPatch } from '../../../patch/json-patch';
import { addWarning, type RequestContext } from '../../../rest/context';
import type { KObject } from '../../../runtime/object';
import type { Attributes } from '../../attributes';
import { callWebhook } from './client';
import { ErrCallingWebhook, failedCall, newDryRunUnsupported, toStatusErr } from './errors';
import { negotiateVersion, newAdmissionReview, verifyAdmissionResponse, type AdmissionResponse } from './review';
import type { ServiceResolver } from './service-resolver';
import type { WebhookAccessor } from './types';
import { semanticEqual } from '../../../api/equality/semantic';

/** Side effects a dry-run request may still reach (kube's noSideEffectClasses). */
const dryRunSafe = new Set(['None', 'NoneOnDryRun']);

/**
 * One call of one webhook (the dispatchers' callHook): dry-run refusal, AdmissionReview out and
 * back, the response verified. A transport or protocol failure is an ErrCallingWebhook for the
 * failure policy to judge; a refusal is the webhook's Status.
 */
async function callHook(ctx: RequestContext, hook: WebhookAccessor, a: Attributes, mutating: boolean, resolver?: ServiceResolver): Promise<AdmissionResponse> {
  if (a.dryRun && !dryRunSafe.has(hook.sideEffects ?? '')) throw newDryRunUnsupported(hook.name);
  let response: AdmissionResponse;
  try {
    const version = negotiateVersion(hook);
    const { uid, review } = newAdmissionReview(versionedAttributes(hook, a), version, a);
    response = verifyAdmissionResponse(uid, version, mutating, await callWebhook(hook, review, resolver));
  } catch (err) {
    const message = (err as Error).message;
    throw new ErrCallingWebhook(hook.name, message.startsWith('Post ') ? `failed to call webhook: ${message}` : `received invalid webhook response: ${message}`);
  }
  for (const w of response.warnings ?? []) addWarning(ctx, w);
  // The webhook's audit annotations, keyed by its name as kube keys them (`<webhook>/<key>`).
  const annotations = Object.entries(response.auditAnnotations ?? {});
  if (annotations.length) ctx.addAuditAnnotations?.(Object.fromEntries(annotations.map(([k, v]) => [`${hook.name}/${k}`, v])));
  if (!response.allowed) throw toStatusErr(hook.name, response.status);
  return response;
}

/** The request as the webhook sees it: converted to the version it matched, when that is not the request's. */
function versionedAttributes(hook: WebhookAccessor, a: Attributes): Attributes {
  const inv = hook.invocation;
  if (!inv) return a;
  return { ...a, resource: inv.resource, kind: inv.kind, object: a.object && inv.toHook(a.object), oldObject: a.oldObject && inv.toHook(a.oldObject) };
}

/** The failure policy: Ignore swallows a failed call, Fail turns it into a 500; anything else passes through. */
function judge(hook: WebhookAccessor, err: unknown): StatusError | undefined {
  if (err instanceof ErrCallingWebhook) return hook.failurePolicy === 'Ignore' ? undefined : failedCall(err);
  if (isStatusError(err)) return err;
  return newInternalError(err);
}

/** validating.Dispatch: every matching webhook at once; the first refusal or failure (in webhook order) is the answer. */
export async function dispatchValidating(ctx: RequestContext, hooks: WebhookAccessor[], a: Attributes, resolver?: ServiceResolver): Promise<void> {
  const results = await Promise.all(
    hooks.map((h) =>
      callHook(ctx, h, a, false, resolver).then(
        () => undefined,
        (err: unknown) => judge(h, err),
      ),
    ),
  );
  const first = results.find((e) => e !== undefined);
  if (first) throw first;
}

/**
 * mutating.Dispatch: one webhook after the other, each seeing the object as the previous left it.
 * A JSONPatch answer replaces `a.object`. Webhooks with reinvocationPolicy IfNeeded are called once
 * more when a webhook after them changed the object (kapi reinvokes within the webhooks only).
 */
export async function dispatchMutating(ctx: RequestContext, hooks: WebhookAccessor[], a: Attributes, resolver?: ServiceResolver): Promise<void> {
  const changedAfter = new Set<WebhookAccessor>();
  const ran: WebhookAccessor[] = [];
  for (const hook of hooks) {
    if (await mutateOnce(ctx, hook, a, resolver)) for (const earlier of ran) changedAfter.add(earlier);
    ran.push(hook);
  }
  for (const hook of hooks) {
    if (hook.reinvocationPolicy === 'IfNeeded' && changedAfter.has(hook)) await mutateOnce(ctx, hook, a, resolver);
  }
}

/** Calls one mutating webhook and applies its patch; true when the object changed. */
async function mutateOnce(ctx: RequestContext, hook: WebhookAccessor, a: Attributes, resolver?: ServiceResolver): Promise<boolean> {
  let response: AdmissionResponse;
  try {
    response = await callHook(ctx, hook, a, true, resolver);
  } catch (err) {
    const judged = judge(hook, err);
    if (judged) throw judged;
    return false;
  }
  if (!response.patch) return false;
  if (!a.object) throw newInternalError(`admission webhook "${hook.name}" attempted to modify the object, which is not supported for this operation`);
  let patched: KObject;
  try {
    const ops = JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8')) as JSONPatchOperation[];
    // The patch is in the webhook's version; the object goes back to the request's.
    const inv = hook.invocation;
    const base = inv ? inv.toHook(a.object) : a.object;
    const applied = applyJSONPatch(base, ops) as KObject;
    patched = inv ? inv.fromHook(applied) : applied;
  } catch (err) {
    throw newInternalError(err);
  }
  const changed = !semanticEqual(patched, a.object);
  a.object = patched;
  return changed;
}
