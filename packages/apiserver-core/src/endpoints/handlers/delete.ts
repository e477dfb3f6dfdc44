import type { Context } from 'koa';
import { newBadRequest } from '../../api/errors';
import type { KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import type { CollectionDeleter, GracefulDeleter, Storage } from '../../rest/interfaces';
import type { DeleteOptions } from '../../rest/options';
import { decodeBody } from '../negotiation';
import { readBody } from './body';
import { logRequestObject } from '../../audit/context';
import { deleteOptionsFromQuery, parseListOptions, validateDeleteOptions } from './query';
import type { RequestScope } from './request-scope';
import { negotiateTarget, writeResponseObject } from './transform';

const deleteOptionsKinds = new Set(['DeleteOptions']);

/** The Go type of each DeleteOptions field and a test of a decoded JSON value against it (null leaves a field unset). */
const deleteOptionsFields: Record<string, [goType: string, fits: (v: unknown) => boolean]> = {
  gracePeriodSeconds: ['int64', (v) => typeof v === 'number' && Number.isInteger(v)],
  propagationPolicy: ['v1.DeletionPropagation', (v) => typeof v === 'string'],
  orphanDependents: ['bool', (v) => typeof v === 'boolean'],
  dryRun: ['[]string', (v) => Array.isArray(v) && v.every((d) => typeof d === 'string')],
  preconditions: ['v1.Preconditions', (v) => typeof v === 'object' && !Array.isArray(v)
    && Object.values(v as object).every((p) => p === null || typeof p === 'string')],
};

const jsonTypeName = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v);

/** A body field of the wrong JSON type is a 400, as json.Unmarshal into metav1.DeleteOptions fails in kube-apiserver. */
function typedDeleteOptions(body: Record<string, unknown>): DeleteOptions {
  const opts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const spec = deleteOptionsFields[key];
    if (!spec || value === null) continue;
    if (!spec[1](value)) {
      throw newBadRequest(`json: cannot unmarshal ${jsonTypeName(value)} into Go struct field DeleteOptions.${key} of type ${spec[0]}`);
    }
    opts[key] = value;
  }
  return opts as DeleteOptions;
}

/**
 * DeleteOptions from the body (kubectl sends them there) or, without a body, from the query —
 * never merged, as kube-apiserver decodes one or the other — then validated (422 DeleteOptions).
 */
async function deleteOptions(ctx: Context, scope: RequestScope): Promise<DeleteOptions> {
  const raw = await readBody(ctx, scope.maxRequestBodyBytes);
  let opts: DeleteOptions;
  if (raw.length === 0) {
    opts = deleteOptionsFromQuery(ctx);
  } else {
    const body = decodeBody(ctx.get('Content-Type') || 'application/json', raw) as (DeleteOptions & { kind?: string }) | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw newBadRequest('decoded object cannot be converted to DeleteOptions');
    if (body.kind !== undefined && !deleteOptionsKinds.has(body.kind)) throw newBadRequest('decoded object cannot be converted to DeleteOptions');
    opts = typedDeleteOptions(body as Record<string, unknown>);
  }
  validateDeleteOptions(opts);
  logRequestObject(ctx.state, { kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', ...opts });
  return opts;
}

/**
 * DELETE: 200 with a Success Status when the object is gone (or the object itself for kinds that
 * return it), 200 with the object while finalizers or a grace period keep it; 202 only when the
 * client asked orphanDependents=false and deletion is still pending, as kube-apiserver answers.
 */
export async function deleteResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const target = negotiateTarget(ctx, scope);
  const opts = await deleteOptions(ctx, scope);
  const { obj, deleted } = await (scope.storage as Storage & GracefulDeleter).delete(rctx, name, undefined, opts);
  const code = !deleted && opts.orphanDependents === false ? 202 : 200;
  await writeResponseObject(ctx, rctx, scope, code, obj as KObject, target);
}

/** DELETE on a collection: every object the selectors match; answers the list that was deleted. */
export async function deleteCollection(ctx: Context, rctx: RequestContext, scope: RequestScope): Promise<void> {
  const target = negotiateTarget(ctx, scope);
  const listOpts = parseListOptions(ctx);
  const opts = await deleteOptions(ctx, scope);
  const list = await (scope.storage as Storage & CollectionDeleter).deleteCollection(rctx, undefined, opts, listOpts);
  await writeResponseObject(ctx, rctx, scope, 200, list, target);
}
