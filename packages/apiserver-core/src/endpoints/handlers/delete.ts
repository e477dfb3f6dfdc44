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
import { validateObjectDeleteFunc } from '../../admission/request-admission';
import type { RequestScope } from './request-scope';
import { negotiateTarget, writeResponseObject } from './transform';

const deleteOptionsKinds = new Set(['DeleteOptions']);

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
    const { kind: _k, apiVersion: _a, ...rest } = body as Record<string, unknown>;
    opts = typedDeleteOptions(rest);
  }
  validateDeleteOptions(opts);
  logRequestObject(ctx.state, { kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', ...opts });
  return opts;
}

/** Go's types of metav1.DeleteOptions' fields, for the decoder's messages. */
const deleteOptionsFields: Record<string, { goType: string; ok: (v: unknown) => boolean }> = {
  gracePeriodSeconds: { goType: 'int64', ok: (v) => typeof v === 'number' },
  preconditions: { goType: 'v1.Preconditions', ok: (v) => typeof v === 'object' && !Array.isArray(v) },
  'preconditions.uid': { goType: 'types.UID', ok: (v) => typeof v === 'string' },
  'preconditions.resourceVersion': { goType: 'string', ok: (v) => typeof v === 'string' },
  orphanDependents: { goType: 'bool', ok: (v) => typeof v === 'boolean' },
  propagationPolicy: { goType: 'v1.DeletionPropagation', ok: (v) => typeof v === 'string' },
  dryRun: { goType: '[]string', ok: (v) => Array.isArray(v) && v.every((d) => d === null || typeof d === 'string') },
  ignoreStoreReadErrorWithClusterBreakingPotential: { goType: 'bool', ok: (v) => typeof v === 'boolean' },
};

function jsonTypeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/**
 * A DeleteOptions body whose fields have the JSON types metav1.DeleteOptions declares: kube-apiserver's
 * decoder refuses anything else with 400 (`json: cannot unmarshal string into Go struct field
 * DeleteOptions.dryRun of type []string`), so a string dryRun or an object gracePeriodSeconds never
 * reaches validation or storage. null is Go's nil and dropped; unknown fields are ignored, as Go does.
 */
function typedDeleteOptions(body: Record<string, unknown>, prefix = ''): DeleteOptions {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const path = prefix + name;
    const spec = Object.hasOwn(deleteOptionsFields, path) ? deleteOptionsFields[path] : undefined;
    if (!spec || value === null) continue;
    if (!spec.ok(value)) throw newBadRequest(`json: cannot unmarshal ${jsonTypeOf(value)} into Go struct field DeleteOptions.${path} of type ${spec.goType}`);
    if (name === 'gracePeriodSeconds' && !Number.isSafeInteger(value)) {
      throw newBadRequest(`json: cannot unmarshal number ${String(value)} into Go struct field DeleteOptions.${path} of type int64`);
    }
    out[name] = path === 'preconditions' ? typedDeleteOptions(value as Record<string, unknown>, 'preconditions.') : value;
  }
  return out as DeleteOptions;
}

/**
 * DELETE: 200 with a Success Status when the object is gone (or the object itself for kinds that
 * return it), 200 with the object while finalizers or a grace period keep it; 202 only when the
 * client asked orphanDependents=false and deletion is still pending, as kube-apiserver answers.
 */
export async function deleteResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const target = negotiateTarget(ctx, scope);
  const opts = await deleteOptions(ctx, scope);
  const { obj, deleted } = await (scope.storage as Storage & GracefulDeleter).delete(
    rctx,
    name,
    validateObjectDeleteFunc(scope, rctx, { name, operation: 'DELETE', options: opts }),
    opts,
  );
  const code = !deleted && opts.orphanDependents === false ? 202 : 200;
  await writeResponseObject(ctx, rctx, scope, code, obj as KObject, target);
}

/** DELETE on a collection: every object the selectors match; answers the list that was deleted. */
export async function deleteCollection(ctx: Context, rctx: RequestContext, scope: RequestScope): Promise<void> {
  const target = negotiateTarget(ctx, scope);
  const listOpts = parseListOptions(ctx);
  const opts = await deleteOptions(ctx, scope);
  const list = await (scope.storage as Storage & CollectionDeleter).deleteCollection(
    rctx,
    validateObjectDeleteFunc(scope, rctx, { name: '', operation: 'DELETE', options: opts }),
    opts,
    listOpts,
  );
  await writeResponseObject(ctx, rctx, scope, 200, list, target);
}
